import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../appDeps.ts';
import { mobileOf } from '../logins.ts';
import { consentPage, errorPage, loginPage, smsPage } from '../pages.ts';
import {
  decideConsent,
  findAttempt,
  submitCredentials,
  submitSmsCode,
  type SignInDeps,
} from '../signInFlow.ts';
import type { SignInAttempt } from '../state.ts';
import { html } from './responses.ts';

/**
 * The pages a person goes through, in order: `/login` (credentials), `/login/sms` (the code) and
 * `/consent`, which sends the browser back to the client. Each page serves only its own step of the attempt.
 */
export function signInPages(deps: Pick<AppDeps, 'persons'>, signIn: SignInDeps): Router {
  const router = Router();

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

  router.get('/login', (request, response) => {
    const attempt = attemptAt(request, response, 'credentials');
    if (attempt) html(response, 200, loginPage(attempt.id));
  });
  router.post('/login', (request, response) => {
    const attempt = attemptAt(request, response, 'credentials');
    if (!attempt) return;
    const outcome = submitCredentials(signIn, attempt, field(request, 'login'), field(request, 'password'));
    if (outcome.ok) response.redirect(303, `/login/sms?attempt=${encodeURIComponent(attempt.id)}`);
    else html(response, 200, loginPage(attempt.id, outcome.message));
  });
  router.get('/login/sms', (request, response) => {
    const attempt = attemptAt(request, response, 'sms');
    if (attempt) html(response, 200, smsPage(attempt.id, phoneOf(attempt)));
  });
  router.post('/login/sms', (request, response) => {
    const attempt = attemptAt(request, response, 'sms');
    if (!attempt) return;
    const phone = phoneOf(attempt);
    const outcome = submitSmsCode(signIn, attempt, field(request, 'code'));
    if (outcome.ok) response.redirect(303, `/consent?attempt=${encodeURIComponent(attempt.id)}`);
    else if (attempt.step === 'credentials') html(response, 200, loginPage(attempt.id, outcome.message));
    else html(response, 200, smsPage(attempt.id, phone, outcome.message));
  });
  router.get('/consent', (request, response) => {
    const attempt = attemptAt(request, response, 'consent');
    if (attempt)
      html(response, 200, consentPage(attempt.id, attempt.request.clientId, attempt.request.scopes));
  });
  router.post('/consent', (request, response) => {
    const attempt = attemptAt(request, response, 'consent');
    if (!attempt) return;
    const decision = field(request, 'decision');
    if (decision !== 'allow' && decision !== 'deny') {
      html(response, 400, consentPage(attempt.id, attempt.request.clientId, attempt.request.scopes));
      return;
    }
    response.redirect(302, decideConsent(signIn, attempt, decision === 'allow').toString());
  });
  return router;
}
