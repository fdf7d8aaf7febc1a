import { randomInt, randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { Logger } from '@cabinet/platform/logging';
import { RedirectableRejection, checkAuthorizationRequest } from './authorizeRequest.ts';
import type { ClientCredentials } from './clients.ts';
import { EsiaRejection } from './esiaErrors.ts';
import { mobileOf } from './logins.ts';
import { consentPage, errorPage, loginPage, signedOutPage, smsPage } from './pages.ts';
import type { EsiaTestPerson } from './persons.ts';
import {
  COLLECTIONS,
  collectionAllowed,
  collectionView,
  elementView,
  personView,
  type CollectionName,
} from './personResource.ts';
import {
  decideConsent,
  findAttempt,
  startAttempt,
  submitCredentials,
  submitSmsCode,
  type SignInDeps,
  type SmsMessage,
} from './signInFlow.ts';
import type { EmulatorState, SignInAttempt } from './state.ts';
import { issueTokens } from './tokenService.ts';
import { readAccessToken, type TokenKeys } from './tokenKeys.ts';

export interface AppDeps {
  readonly state: EmulatorState;
  readonly clients: ReadonlyMap<string, ClientCredentials>;
  readonly persons: readonly EsiaTestPerson[];
  readonly keys: TokenKeys;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly timestampToleranceSeconds: number;
  readonly publicUrl: () => string;
  readonly onSms: (sms: SmsMessage) => void;
  readonly newSmsCode?: () => string;
}

const html = (response: Response, status: number, body: string) =>
  response.status(status).type('html').set('cache-control', 'no-store').send(body);

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));

  const signIn: SignInDeps = {
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

  const rejected = (rejection: EsiaRejection) =>
    deps.logger.warn({
      event: 'esia.rejected',
      esiaCode: `ESIA-${rejection.number}`,
      parameter: rejection.parameter,
    });

  app.get('/aas/oauth2/v2/ac', (request, response) => {
    try {
      const authorization = checkAuthorizationRequest(
        request.query,
        deps.clients,
        deps.now(),
        deps.timestampToleranceSeconds,
      );
      const attempt = startAttempt(signIn, authorization);
      response.redirect(302, `/login?attempt=${encodeURIComponent(attempt.id)}`);
    } catch (error) {
      if (error instanceof RedirectableRejection) {
        rejected(error.rejection);
        const target = new URL(error.redirectUri);
        target.searchParams.set('error', error.rejection.error);
        target.searchParams.set('error_description', error.rejection.description);
        if (error.state) target.searchParams.set('state', error.state);
        response.redirect(302, target.toString());
        return;
      }
      if (!(error instanceof EsiaRejection)) throw error;
      rejected(error);
      html(response, 400, errorPage('Ошибка запроса', error.description));
    }
  });

  const attemptAt = (request: Request, response: Response, step: SignInAttempt['step']) => {
    const id: unknown =
      request.method === 'GET'
        ? request.query['attempt']
        : (request.body as Record<string, unknown>)['attempt'];
    const attempt = findAttempt(signIn, id);
    if (!attempt) {
      html(response, 400, errorPage('Сеанс входа истёк', 'Вернитесь на сайт и начните вход заново.'));
      return undefined;
    }
    if (attempt.step !== step) {
      html(response, 409, errorPage('Шаг входа пропущен', 'Вернитесь на сайт и начните вход заново.'));
      return undefined;
    }
    return attempt;
  };
  const field = (request: Request, name: string) => {
    const value = (request.body as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : '';
  };
  const phoneOf = (attempt: SignInAttempt) => {
    const person = deps.persons.find((candidate) => candidate.oid === attempt.oid);
    return (person && mobileOf(person)) ?? '';
  };

  app.get('/login', (request, response) => {
    const attempt = attemptAt(request, response, 'credentials');
    if (attempt) html(response, 200, loginPage(attempt.id));
  });
  app.post('/login', (request, response) => {
    const attempt = attemptAt(request, response, 'credentials');
    if (!attempt) return;
    const outcome = submitCredentials(signIn, attempt, field(request, 'login'), field(request, 'password'));
    if (outcome.ok) response.redirect(303, `/login/sms?attempt=${encodeURIComponent(attempt.id)}`);
    else html(response, 200, loginPage(attempt.id, outcome.message));
  });
  app.get('/login/sms', (request, response) => {
    const attempt = attemptAt(request, response, 'sms');
    if (attempt) html(response, 200, smsPage(attempt.id, phoneOf(attempt)));
  });
  app.post('/login/sms', (request, response) => {
    const attempt = attemptAt(request, response, 'sms');
    if (!attempt) return;
    const phone = phoneOf(attempt);
    const outcome = submitSmsCode(signIn, attempt, field(request, 'code'));
    if (outcome.ok) response.redirect(303, `/consent?attempt=${encodeURIComponent(attempt.id)}`);
    else if (attempt.step === 'credentials') html(response, 200, loginPage(attempt.id, outcome.message));
    else html(response, 200, smsPage(attempt.id, phone, outcome.message));
  });
  app.get('/consent', (request, response) => {
    const attempt = attemptAt(request, response, 'consent');
    if (attempt)
      html(response, 200, consentPage(attempt.id, attempt.request.clientId, attempt.request.scopes));
  });
  app.post('/consent', (request, response) => {
    const attempt = attemptAt(request, response, 'consent');
    if (!attempt) return;
    const decision = field(request, 'decision');
    if (decision !== 'allow' && decision !== 'deny') {
      html(response, 400, consentPage(attempt.id, attempt.request.clientId, attempt.request.scopes));
      return;
    }
    response.redirect(302, decideConsent(signIn, attempt, decision === 'allow').toString());
  });

  app.post('/aas/oauth2/v3/te', async (request, response) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const tokens = await issueTokens(
        {
          state: deps.state,
          clients: deps.clients,
          keys: deps.keys,
          now: deps.now,
          newId: randomUUID,
          timestampToleranceSeconds: deps.timestampToleranceSeconds,
        },
        body,
      );
      response.set('cache-control', 'no-store').json(tokens);
    } catch (error) {
      if (!(error instanceof EsiaRejection)) throw error;
      rejected(error);
      const state = typeof body['state'] === 'string' ? body['state'] : undefined;
      response
        .status(400)
        .json({ error: error.error, error_description: error.description, ...(state ? { state } : {}) });
    }
  });

  /** Resolves the bearer token and the person it names; answers 401/403 itself otherwise. */
  const authorizedPerson = async (request: Request, response: Response) => {
    const header = request.get('authorization') ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    const access = token ? await readAccessToken(deps.keys, token, deps.now()) : undefined;
    if (!access) {
      response
        .status(401)
        .set('www-authenticate', 'Bearer error="invalid_token"')
        .json({ error: 'invalid_token' });
      return undefined;
    }
    const person = deps.persons.find((candidate) => String(candidate.oid) === request.params['oid']);
    if (!person || person.oid !== access.oid) {
      response.status(403).json({ error: 'insufficient_scope' });
      return undefined;
    }
    return { person, scopes: access.scopes };
  };
  const collectionName = (value: string | undefined): CollectionName | undefined =>
    value !== undefined && Object.hasOwn(COLLECTIONS, value) ? (value as CollectionName) : undefined;

  app.get('/rs/prns/:oid', async (request, response) => {
    const subject = await authorizedPerson(request, response);
    if (subject) response.json(personView(subject.person, subject.scopes, deps.now()));
  });
  app.get('/rs/prns/:oid/:collection', async (request, response) => {
    const subject = await authorizedPerson(request, response);
    if (!subject) return;
    const name = collectionName(request.params['collection']);
    if (!name) response.status(404).json({ error: 'not_found' });
    else if (!collectionAllowed(name, subject.scopes))
      response.status(403).json({ error: 'insufficient_scope' });
    else response.json(collectionView(subject.person, name, subject.scopes, deps.publicUrl()));
  });
  app.get('/rs/prns/:oid/:collection/:id', async (request, response) => {
    const subject = await authorizedPerson(request, response);
    if (!subject) return;
    const name = collectionName(request.params['collection']);
    const element =
      name && collectionAllowed(name, subject.scopes)
        ? elementView(subject.person, name, subject.scopes, request.params['id'] ?? '')
        : undefined;
    if (element) response.json(element);
    else response.status(404).json({ error: 'not_found' });
  });

  app.get('/idp/ext/Logout', (request, response) => {
    const clientId = request.query['client_id'];
    const credentials = typeof clientId === 'string' ? deps.clients.get(clientId) : undefined;
    if (!credentials) {
      html(response, 400, errorPage('Ошибка запроса', new EsiaRejection('007002', 'client_id').description));
      return;
    }
    const redirectUrl = request.query['redirect_url'];
    if (redirectUrl === undefined) {
      html(response, 200, signedOutPage());
      return;
    }
    const allowedOrigins = credentials.client.redirectUris.map((uri) => new URL(uri).origin);
    const target =
      typeof redirectUrl === 'string' && URL.canParse(redirectUrl) ? new URL(redirectUrl) : undefined;
    if (!target || !allowedOrigins.includes(target.origin)) {
      html(
        response,
        400,
        errorPage('Ошибка запроса', new EsiaRejection('007023', 'redirect_url').description),
      );
      return;
    }
    response.redirect(302, target.toString());
  });

  app.get('/.well-known/jwks.json', (_request, response) => {
    response.json({ keys: [deps.keys.publicJwk] });
  });
  app.get('/healthcheck', (_request, response) => {
    response.json({ status: 'ok' });
  });
  return app;
}
