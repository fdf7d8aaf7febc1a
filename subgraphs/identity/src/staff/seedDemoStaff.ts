import { hashSecret } from './password.ts';
import type { StaffRepository } from './staffRepository.ts';

/** The demo accounts are loaded only when seeding, so production never holds their passwords. */
export async function seedDemoStaff(staff: StaffRepository): Promise<number> {
  if ((await staff.count()) > 0) return 0;
  const { DEMO_STAFF } = await import('@cabinet/demo-data');
  for (const person of DEMO_STAFF) {
    await staff.insert({
      id: person.id,
      login: person.login,
      fullName: person.fullName,
      roles: person.roles,
      passwordHash: await hashSecret(person.password),
      active: true,
    });
  }
  return DEMO_STAFF.length;
}
