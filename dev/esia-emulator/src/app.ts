import { randomInt, randomUUID } from 'node:crypto';
import express from 'express';
import type { AppDeps } from './appDeps.ts';
import { authorizationEndpoint } from './routes/authorizationEndpoint.ts';
import { jwksEndpoint } from './routes/jwksEndpoint.ts';
import { logoutEndpoint } from './routes/logoutEndpoint.ts';
import { personEndpoints } from './routes/personEndpoints.ts';
import { signInPages } from './routes/signInPages.ts';
import { tokenEndpoint } from './routes/tokenEndpoint.ts';
import type { SignInDeps } from './signInFlow.ts';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));

  const signIn = signInDeps(deps);
  app.use(authorizationEndpoint(deps, signIn));
  app.use(signInPages(deps, signIn));
  app.use(tokenEndpoint(deps));
  app.use(personEndpoints(deps));
  app.use(logoutEndpoint(deps));
  app.use(jwksEndpoint(deps));
  app.get('/healthcheck', (_request, response) => {
    response.json({ status: 'ok' });
  });
  return app;
}

/** A sign-in attempt's SMS codes are logged (event `esia.sms_sent`) and handed to the in-process hook. */
function signInDeps(deps: AppDeps): SignInDeps {
  return {
    state: deps.state,
    persons: deps.persons,
    now: deps.now,
    newId: randomUUID,
    newSmsCode: deps.newSmsCode ?? (() => String(randomInt(0, 1_000_000)).padStart(6, '0')),
    sendSms: (sms) => {
      deps.logger.info({ event: 'esia.sms_sent', ...sms }, `SMS code ${sms.code} sent to ${sms.phone}`);
      deps.onSms(sms);
    },
  };
}
