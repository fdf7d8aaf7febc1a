/**
 * Where clients reach a service's signed file links: every link claims and support hand out (uploads,
 * downloads, claim histories, conversation transcripts) is built here, so where they point is decided
 * in one place.
 */
export class PublicLinks {
  constructor(private readonly baseUrl: () => string) {}

  /** The configured public URL (`PUBLIC_URL`), else the service's own port on localhost. */
  static of(configured: string | undefined, listeningPort: () => number): PublicLinks {
    return new PublicLinks(() => (configured ?? `http://localhost:${listeningPort()}`).replace(/\/+$/, ''));
  }

  /** `path` begins with a slash and is already encoded; the token, when given, is the link's only credential. */
  url(path: string, token?: string): string {
    return `${this.baseUrl()}${path}${token === undefined ? '' : `?token=${token}`}`;
  }
}
