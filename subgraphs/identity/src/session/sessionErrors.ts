import { DomainError } from '@cabinet/kernel';

export const SessionErrors = {
  refreshTokenInvalid: () =>
    new DomainError('SESSION_EXPIRED', 'Сеанс завершён или истёк. Войдите в личный кабинет заново.'),
  refreshTokenReused: () =>
    new DomainError(
      'REFRESH_TOKEN_REUSED',
      'Этот сеанс завершён из соображений безопасности: токен обновления уже использовался. Войдите заново; если это были не вы, смените пароль на Госуслугах.',
    ),
  sessionNotFound: () => new DomainError('SESSION_NOT_FOUND', 'Сеанс не найден.'),
} as const;
