import { ConfigError } from '@cabinet/platform/config';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.ts';

describe('gateway configuration', () => {
  it('reads per-subgraph timeouts next to the default one', () => {
    const config = loadGatewayConfig({
      SUBGRAPH_TIMEOUT_MS: '2000',
      SUBGRAPH_TIMEOUTS_MS: 'claims=5000, identity = 1500',
    });
    expect(config.SUBGRAPH_TIMEOUT_MS).toBe(2_000);
    expect([...config.SUBGRAPH_TIMEOUTS_MS]).toEqual([
      ['claims', 5_000],
      ['identity', 1_500],
    ]);
  });

  it.each(['claims', 'claims=fast', 'claims=5000;policy=1'])(
    'refuses SUBGRAPH_TIMEOUTS_MS=%s with a clear line',
    (raw) => {
      expect(() => loadGatewayConfig({ SUBGRAPH_TIMEOUTS_MS: raw })).toThrow(ConfigError);
    },
  );
});
