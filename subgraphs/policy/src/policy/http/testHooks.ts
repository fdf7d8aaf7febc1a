import type { DocumentStore } from '@cabinet/platform/documents';
import type { SubgraphServerOptions } from '@cabinet/platform/graphql';
import type { Logger } from '@cabinet/platform/logging';

type App = Parameters<NonNullable<SubgraphServerOptions['routes']>>[0];

/**
 * Mounted only by src/mainWithTestHooks.ts with POLICY_TEST_HOOKS=yes (never in the production build): lets an end-to-end test take the document store down
 * the way a lost database does, every later read and write failing in the driver.
 */
export function testHookRoutes(documents: DocumentStore, log: Logger) {
  return (app: App): void => {
    app.post('/test-hooks/document-store/close', (_req, res) => {
      void documents.close().then(() => {
        log.warn('document store closed by a test hook');
        res.status(204).end();
      });
    });
  };
}
