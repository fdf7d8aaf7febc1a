import { randomUUID } from 'node:crypto';
import { CommonErrors, isUuid, type Principal } from '@cabinet/kernel';
import { supportActorFor } from '../../conversation/application/supportService.ts';
import { cannedReplyContent, CannedReplyErrors, type CannedReply } from '../domain/cannedReply.ts';
import { MAX_CANNED_REPLIES, type CannedReplyRepository } from '../storage/cannedReplyRepository.ts';

/** Operators read the canned replies; supervisors create, change and delete them. */
export class CannedReplyService {
  constructor(
    private readonly replies: CannedReplyRepository,
    private readonly now: () => Date,
  ) {}

  async list(principal: Principal): Promise<CannedReply[]> {
    if (supportActorFor(principal).kind !== 'operator') throw CommonErrors.forbidden();
    return this.replies.all();
  }

  async create(principal: Principal, input: { title: string; text: string }): Promise<CannedReply> {
    const supervisor = this.supervisor(principal);
    const content = cannedReplyContent(input);
    if ((await this.replies.count()) >= MAX_CANNED_REPLIES)
      throw CommonErrors.badInput('title', `Шаблонов не может быть больше ${MAX_CANNED_REPLIES}.`);
    const reply = {
      id: randomUUID(),
      ...content,
      updatedAt: this.now().toISOString(),
      updatedBy: supervisor,
    };
    await this.replies.insert(reply);
    return reply;
  }

  async update(
    principal: Principal,
    id: string,
    input: { title: string; text: string },
  ): Promise<CannedReply> {
    const supervisor = this.supervisor(principal);
    const content = cannedReplyContent(input);
    const stored = isUuid(id) ? await this.replies.get(id) : null;
    if (!stored) throw CannedReplyErrors.notFound();
    const reply = { ...stored.reply, ...content, updatedAt: this.now().toISOString(), updatedBy: supervisor };
    await this.replies.replace(reply, stored.version);
    return reply;
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    this.supervisor(principal);
    if (!isUuid(id) || !(await this.replies.delete(id))) throw CannedReplyErrors.notFound();
    return true;
  }

  private supervisor(principal: Principal): string {
    const actor = supportActorFor(principal);
    if (actor.kind !== 'operator' || !actor.supervisor) throw CommonErrors.forbidden();
    return actor.staffId;
  }
}
