/**
 * Start-up configuration read from environment variables. Every service declares what it reads as a
 * spec; a missing or malformed value stops the service with one line that names the variable.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export interface Setting<T> {
  read(variable: string, raw: string | undefined): T;
}

export type ConfigSpec = Record<string, Setting<unknown>>;
export type ConfigOf<S extends ConfigSpec> = { [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

export function loadConfig<S extends ConfigSpec>(spec: S, env: Env = process.env): ConfigOf<S> {
  const result: Record<string, unknown> = {};
  for (const [variable, setting] of Object.entries(spec)) {
    const raw = env[variable];
    result[variable] = setting.read(variable, raw === '' ? undefined : raw);
  }
  return result as ConfigOf<S>;
}

function required<T>(parse: (variable: string, raw: string) => T, fallback?: T): Setting<T> {
  return {
    read(variable, raw) {
      if (raw === undefined) {
        if (fallback === undefined) throw new ConfigError(variable, 'is required but not set');
        return fallback;
      }
      return parse(variable, raw);
    },
  };
}

export function optional<T>(setting: Setting<T>): Setting<T | undefined> {
  return { read: (variable, raw) => (raw === undefined ? undefined : setting.read(variable, raw)) };
}

const DURATION_UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

export const env = {
  string(fallback?: string): Setting<string> {
    return required((_v, raw) => raw, fallback);
  },
  port(fallback?: number): Setting<number> {
    return required((variable, raw) => {
      const port = Number(raw);
      if (!/^\d+$/.test(raw) || port > 65535) {
        throw new ConfigError(variable, `must be a TCP port (0-65535), got "${raw}"`);
      }
      return port;
    }, fallback);
  },
  integer(fallback: number | undefined, bounds: { min?: number; max?: number } = {}): Setting<number> {
    return required((variable, raw) => {
      const value = Number(raw);
      const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = bounds;
      if (!/^-?\d+$/.test(raw) || value < min || value > max) {
        throw new ConfigError(variable, `must be an integer from ${min} to ${max}, got "${raw}"`);
      }
      return value;
    }, fallback);
  },
  url(fallback?: string): Setting<string> {
    return required((variable, raw) => {
      try {
        return new URL(raw).toString();
      } catch {
        throw new ConfigError(variable, `must be an absolute URL, got "${raw}"`);
      }
    }, fallback);
  },
  /** A moment as an ISO 8601 date-time with its offset, e.g. `2026-12-05T12:00:00Z`. */
  instant(fallback?: Date): Setting<Date> {
    return required((variable, raw) => {
      const moment = new Date(raw);
      if (!/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(moment.getTime())) {
        throw new ConfigError(variable, `must be an ISO 8601 date-time with an offset, got "${raw}"`);
      }
      return moment;
    }, fallback);
  },
  /** A length of time as a number and a unit, `30s`, `15m` or `2h`; read (and defaulted) in milliseconds. */
  duration(fallbackMs?: number): Setting<number> {
    return required((variable, raw) => {
      const [, amount, unit] = /^(\d+)(s|m|h)$/.exec(raw) ?? [];
      if (amount === undefined || unit === undefined)
        throw new ConfigError(variable, `must be a duration such as 30s, 15m or 2h, got "${raw}"`);
      return Number(amount) * DURATION_UNIT_MS[unit as keyof typeof DURATION_UNIT_MS];
    }, fallbackMs);
  },
  oneOf<const T extends string>(choices: readonly T[], fallback?: T): Setting<T> {
    return required((variable, raw) => {
      if (!(choices as readonly string[]).includes(raw)) {
        throw new ConfigError(variable, `must be one of ${choices.join(', ')}, got "${raw}"`);
      }
      return raw as T;
    }, fallback);
  },
  list(fallback?: string[]): Setting<string[]> {
    return required(
      (_v, raw) =>
        raw
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      fallback,
    );
  },
};
