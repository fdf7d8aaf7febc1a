import { publicFilesBase } from './publicFiles.ts';

/**
 * Where clients reach a service's signed file links: every link claims and support hand out (uploads,
 * downloads, claim histories, conversation transcripts) is built here, on the gateway's public origin,
 * so where they point is decided in one place.
 */
export class PublicLinks {
  /** `baseUrl`: the service's files at the gateway, without a trailing slash. */
  constructor(private readonly baseUrl: string) {}

  /** `<PUBLIC_URL>/files/<service>/…`: the gateway passes these on to the service's `/files/…`. */
  static of(publicUrl: string, service: string): PublicLinks {
    return new PublicLinks(publicFilesBase(publicUrl, service));
  }

  /** `path` begins with a slash and is already encoded; the token, when given, is the link's only credential. */
  url(path: string, token?: string): string {
    return `${this.baseUrl}${path}${token === undefined ? '' : `?token=${token}`}`;
  }
}
