import { env } from '../config/env.ts';

/** Where the gateway routes a service's file requests: `<PUBLIC_URL>/files/<service>/…` to `<service>/files/…`. */
export const FILES_PATH = '/files';

/**
 * `PUBLIC_URL`: the gateway's public origin, the one address clients reach files at. Every service that
 * hands out file links builds them on it; the services' own ports are internal.
 */
export const publicUrlSetting = env.url('http://localhost:4000');

/** The base of a service's file links, without a trailing slash: `<PUBLIC_URL>/files/<service>`. */
export function publicFilesBase(publicUrl: string, service: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${FILES_PATH}/${encodeURIComponent(service)}`;
}
