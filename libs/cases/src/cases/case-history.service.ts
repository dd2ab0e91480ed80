import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, permittedFields, RequestAuth, ScopedResources } from '@pendamping/auth';
import { DataSource } from 'typeorm';
import { CaseChangeEntity } from './case-change.entity';
import { CaseSpecs } from './case.specs';
import { CaseVault } from './case-vault';

interface HistoryEntry {
  at: string;
  actorId: string;
  action: string;
  changes: { field: string; value?: unknown }[];
}

const CHANGES_TABLE = 'case_changes';

/**
 * SPEC §4: who changed which field when, for everyone who may read the case; a value only where
 * the reader may read that field now. Field names of identifying fields are shown, their values not.
 */
@Injectable()
export class CaseHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly specs: CaseSpecs,
    private readonly vault: CaseVault,
    private readonly audit: AuditWriter,
  ) {}

  async history(auth: RequestAuth, caseId: string): Promise<{ items: HistoryEntry[] }> {
    return this.dataSource.transaction(async (manager) => {
      const owner = await this.resources.findVisible(manager, this.specs.cases, auth, caseId);
      const readable = new Set(permittedFields(auth.ability, 'read', 'Case', { ...owner }));
      const changes = await manager.find(CaseChangeEntity, {
        where: { caseId },
        order: { changedAt: 'ASC', id: 'ASC' },
      });
      const needsKey = changes.some((change) => change.sealedValue !== null && readable.has(change.field));
      const key = needsKey ? await this.vault.keyFor(manager, caseId, owner.organizationId) : undefined;
      const items: HistoryEntry[] = [];
      const revealed = new Set<string>();
      for (const change of changes) {
        const at = change.changedAt.toISOString();
        let entry = items[items.length - 1];
        if (!entry || entry.at !== at || entry.actorId !== change.actorId || entry.action !== change.action) {
          entry = { at, actorId: change.actorId, action: change.action, changes: [] };
          items.push(entry);
        }
        if (!readable.has(change.field)) {
          entry.changes.push({ field: change.field });
          continue;
        }
        if (change.sealedValue === null) {
          entry.changes.push({ field: change.field, value: change.codedValue });
          continue;
        }
        const opened = this.vault.open(
          key,
          { table: CHANGES_TABLE, rowId: change.id, field: change.field },
          change.sealedValue,
        );
        revealed.add(change.field);
        entry.changes.push(
          opened === undefined
            ? { field: change.field }
            : {
                field: change.field,
                value: change.field.startsWith('perpetrators.') && opened !== null ? JSON.parse(opened) : opened,
              },
        );
      }
      await this.audit.recordRead(
        manager,
        this.resources.event(auth, 'read_history', 'Case', caseId, [...revealed], 'success'),
      );
      return { items };
    });
  }
}
