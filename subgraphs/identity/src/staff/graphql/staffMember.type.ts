import { STAFF_ROLES, type StaffRole } from '@cabinet/kernel';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export const StaffRoleEnum = Object.fromEntries(STAFF_ROLES.map((role) => [role, role])) as {
  readonly [R in StaffRole]: R;
};
registerEnumType(StaffRoleEnum, {
  name: 'StaffRole',
  description:
    'adjuster: works claims; supervisor: assigns them, makes large payouts and leads support; analyst: reads; support: answers the support chat',
});

@ObjectType({ description: "An active member of the insurer's staff, as the staff register lists them" })
export class StaffMember {
  @Field(() => ID) id!: string;
  @Field(() => String) fullName!: string;
  @Field(() => [StaffRoleEnum]) roles!: StaffRole[];
}
