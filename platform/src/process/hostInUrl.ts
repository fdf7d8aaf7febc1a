/** How a URL names the host a server listens on: a wildcard host is reached on loopback, IPv6 in brackets. */
export function hostInUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
