import type { StaffRole } from '@cabinet/kernel';

/**
 * The embedded profile's insurer staff, with their demo passwords: printed by `npm start`, loaded into
 * identity by the seeding step (and working the demo claims), never in production.
 */
export const DEMO_STAFF: readonly {
  readonly id: string;
  readonly login: string;
  readonly password: string;
  readonly fullName: string;
  readonly roles: readonly StaffRole[];
}[] = [
  {
    id: '0b7a4c52-1d3e-4f60-8a9b-7c2d1e0f3a41',
    login: 'adjuster',
    password: 'Adjuster-2026',
    fullName: 'Орлова Марина Сергеевна',
    roles: ['adjuster'],
  },
  {
    id: '1c8b5d63-2e4f-4071-9bac-8d3e2f1a4b52',
    login: 'supervisor',
    password: 'Supervisor-2026',
    fullName: 'Лебедев Игорь Николаевич',
    roles: ['supervisor'],
  },
  {
    id: '2d9c6e74-3f50-4182-acbd-9e4f3a2b5c63',
    login: 'analyst',
    password: 'Analyst-2026',
    fullName: 'Морозова Елена Андреевна',
    roles: ['analyst'],
  },
  {
    id: '3eab7f85-4061-4293-bdce-af5a4b3c6d74',
    login: 'support',
    password: 'Support-2026',
    fullName: 'Васильева Анна Павловна',
    roles: ['support'],
  },
  {
    id: '4fbc8096-5172-43a4-8edf-b06b5c4d7e85',
    login: 'support2',
    password: 'Support2-2026',
    fullName: 'Кузнецов Павел Олегович',
    roles: ['support'],
  },
];
