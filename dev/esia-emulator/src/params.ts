import { EsiaRejection } from './esiaErrors.ts';

export type RawParams = Readonly<Record<string, unknown>>;

/** Strict parameter access: a repeated parameter is ESIA-007003, a missing mandatory one ESIA-007014. */
export class Params {
  constructor(private readonly raw: RawParams) {
    for (const [name, value] of Object.entries(raw)) {
      if (typeof value !== 'string') throw new EsiaRejection('007003', name);
    }
  }

  required(name: string): string {
    const value = this.raw[name];
    if (typeof value !== 'string' || value === '') throw new EsiaRejection('007014', name);
    return value;
  }

  optional(name: string): string | undefined {
    const value = this.raw[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function requireUuid(value: string, name: string): string {
  if (!UUID.test(value)) throw new EsiaRejection('007003', name);
  return value;
}
