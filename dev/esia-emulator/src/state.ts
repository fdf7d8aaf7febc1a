/** What one authorization request asked for, after every parameter was checked. */
export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly state: string;
  readonly accessType: 'online' | 'offline';
}

/** A person's way through the login, SMS and consent pages for one authorization request. */
export interface SignInAttempt {
  readonly id: string;
  readonly request: AuthorizationRequest;
  readonly expiresAt: Date;
  step: 'credentials' | 'sms' | 'consent';
  oid?: number;
  sms?: { code: string; expiresAt: Date; attemptsLeft: number };
}

export interface IssuedCode {
  readonly request: AuthorizationRequest;
  readonly oid: number;
  readonly sessionId: string;
  readonly authTime: Date;
  readonly expiresAt: Date;
}

export interface RefreshGrant {
  readonly clientId: string;
  readonly oid: number;
  readonly scopes: readonly string[];
  readonly sessionId: string;
  readonly authTime: Date;
}

export interface PasswordFailures {
  count: number;
  lockedUntil?: Date;
}

/** Everything the emulator remembers; it lives in memory and is gone when the process stops. */
export interface EmulatorState {
  readonly attempts: Map<string, SignInAttempt>;
  readonly codes: Map<string, IssuedCode>;
  readonly refreshGrants: Map<string, RefreshGrant>;
  readonly failures: Map<number, PasswordFailures>;
}

export function emptyState(): EmulatorState {
  return { attempts: new Map(), codes: new Map(), refreshGrants: new Map(), failures: new Map() };
}
