import { UuidScalar } from '@cabinet/platform/scalars';
import type { RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { assertMayReadStaffRegister } from '../domain/staffAccess.ts';
import type { StaffRepository } from '../storage/staffRepository.ts';
import { StaffMember } from './staffMember.type.ts';

@Resolver(() => StaffMember)
export class StaffMemberResolver {
  constructor(private readonly staff: StaffRepository) {}

  @Query(() => StaffMember, {
    nullable: true,
    description: 'Staff: an active staff member by id, or null when the register has none',
  })
  async staffMember(
    @Arg('id', () => UuidScalar) id: string,
    @Ctx() context: RequestContext,
  ): Promise<StaffMember | null> {
    assertMayReadStaffRegister(context.principal);
    const record = await this.staff.activeById(id);
    return record && { id: record.id, fullName: record.fullName, roles: [...record.roles] };
  }
}
