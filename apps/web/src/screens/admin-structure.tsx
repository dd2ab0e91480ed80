import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { answered } from '../api/problem';
import { idOf } from '../api/record-id';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { TIME_ZONE_LABELS, TIME_ZONES } from './admin-labels';
import { loadStructure, loadUsers } from './admin-loaders';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import { ifMatch } from './admin-pages';
import { chosen, nameField, RecordForm } from './admin-record-form';
import { Rename } from './admin-rename';
import type { Structure } from './admin-scope-fields';
import type { GroupView, UserView } from './admin-views';
import { Loading } from '../ui/loading';

interface Loaded extends Structure {
  users: UserView[];
}

const REGION_CODE = /^[A-Z]{2,6}$/;

/**
 * The organisation's structure (SPEC §2): regions, their villages and the villages' community
 * groups with their members; creating each and renaming them, as the records' `allowed` permits.
 */
export function StructureScreen() {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<unknown>();
  const [regionKeys] = useState(() => new IdempotencyKeys());
  const [villageKeys] = useState(() => new IdempotencyKeys());
  const [groupKeys] = useState(() => new IdempotencyKeys());

  const load = () =>
    Promise.all([loadStructure(), loadUsers()]).then(
      ([structure, users]) => setLoaded({ ...structure, users }),
      setFailure,
    );
  useEffect(() => void load(), []);

  if (!loaded)
    return <Loading title={t('adminNavStructure')} failure={failure ? failureText(failure, t) : undefined} />;

  const choose = { value: '', label: t('adminChoose') };
  const zoneLabel = (zone: string | null | undefined) =>
    zone && TIME_ZONE_LABELS[zone] ? t(TIME_ZONE_LABELS[zone]) : '';
  const companions = loaded.users.filter((user) => user.role === 'companion' && user.active);

  return (
    <>
      <Heading>{t('adminNavStructure')}</Heading>
      <p>{t('adminStructureHelp')}</p>
      <Alert text={failure ? failureText(failure, t) : undefined} />
      <section class="case-section" aria-labelledby="regions-title">
        <h2 id="regions-title">{t('adminRegions')}</h2>
        {loaded.regions.length === 0 && <p>{t('adminNoRegions')}</p>}
        <ul class="cards tree">
          {loaded.regions.map((region) => (
            <li key={region.id} class="card" data-region={region.name}>
              <div class="card-head">
                <p class="card-title">
                  {region.name}{' '}
                  <span class="muted">
                    ({region.code}, {zoneLabel(region.timeZone)})
                  </span>
                </p>
                {region.allowed.writableFields.includes('name') && (
                  <Rename
                    id={region.id!}
                    current={region.name ?? ''}
                    label={region.name ?? ''}
                    save={async (name) => {
                      await answered(
                        api.PATCH('/api/v1/regions/{id}', {
                          params: { path: { id: region.id! }, header: ifMatch(region.version) },
                          body: { name },
                        }),
                      );
                      await load();
                    }}
                  />
                )}
              </div>
              <ul class="nested">
                {loaded.villages
                  .filter((village) => village.regionId === region.id)
                  .map((village) => (
                    <li key={village.id} data-village={village.name}>
                      <div class="card-head">
                        <p class="card-subtitle">
                          {t('adminVillage')}: {village.name}
                        </p>
                        {village.allowed.writableFields.includes('name') && (
                          <Rename
                            id={village.id!}
                            current={village.name ?? ''}
                            label={village.name ?? ''}
                            save={async (name) => {
                              await answered(
                                api.PATCH('/api/v1/villages/{id}', {
                                  params: { path: { id: village.id! }, header: ifMatch(village.version) },
                                  body: { name },
                                }),
                              );
                              await load();
                            }}
                          />
                        )}
                      </div>
                      <ul class="nested">
                        {loaded.groups
                          .filter((group) => group.villageId === village.id)
                          .map((group) => (
                            <GroupEntry
                              key={group.id}
                              group={group}
                              members={loaded.users.filter((user) => user.groupIds?.includes(group.id ?? ''))}
                              companions={companions.filter((user) => !user.groupIds?.includes(group.id ?? ''))}
                              onChanged={load}
                            />
                          ))}
                      </ul>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section class="case-section" aria-labelledby="structure-add">
        <h2 id="structure-add">{t('adminAddToStructure')}</h2>
        <RecordForm
          id="new-region"
          title="adminNewRegion"
          submit="adminCreate"
          initial={{ name: '', code: '', timeZone: 'Asia/Makassar' }}
          fields={[
            nameField(),
            {
              name: 'code',
              label: 'adminRegionCode',
              hint: 'adminRegionCodeHint',
              maxLength: 6,
              check: (value) => (REGION_CODE.test(value) ? undefined : 'adminRegionCodeInvalid'),
            },
            {
              name: 'timeZone',
              label: 'adminTimeZone',
              options: TIME_ZONES.map((zone) => ({ value: zone, label: t(TIME_ZONE_LABELS[zone]!) })),
            },
          ]}
          save={async (values) => {
            const body = {
              name: values.name!.trim(),
              code: values.code!,
              timeZone: values.timeZone as (typeof TIME_ZONES)[number],
            };
            await answered(api.POST('/api/v1/regions', { headers: { 'Idempotency-Key': regionKeys.for(body) }, body }));
            regionKeys.forget();
            await load();
          }}
        />
        {loaded.regions.length > 0 && (
          <RecordForm
            id="new-village"
            title="adminNewVillage"
            submit="adminCreate"
            initial={{ name: '', regionId: '' }}
            fields={[
              nameField(),
              {
                name: 'regionId',
                label: 'adminRegion',
                options: [choose, ...loaded.regions.map((region) => ({ value: region.id!, label: region.name ?? '' }))],
                check: chosen,
              },
            ]}
            save={async (values) => {
              const body = { name: values.name!.trim(), regionId: values.regionId! };
              await answered(
                api.POST('/api/v1/villages', { headers: { 'Idempotency-Key': villageKeys.for(body) }, body }),
              );
              villageKeys.forget();
              await load();
            }}
          />
        )}
        {loaded.villages.length > 0 && (
          <RecordForm
            id="new-group"
            title="adminNewGroup"
            submit="adminCreate"
            initial={{ name: '', villageId: '' }}
            fields={[
              nameField(),
              {
                name: 'villageId',
                label: 'adminVillage',
                options: [
                  choose,
                  ...loaded.villages.map((village) => ({
                    value: village.id!,
                    label: `${village.name ?? ''} (${loaded.regions.find((region) => region.id === village.regionId)?.name ?? ''})`,
                  })),
                ],
                check: chosen,
              },
            ]}
            save={async (values) => {
              const body = { name: values.name!.trim(), villageId: values.villageId! };
              await answered(api.POST('/api/v1/groups', { headers: { 'Idempotency-Key': groupKeys.for(body) }, body }));
              groupKeys.forget();
              await load();
            }}
          />
        )}
      </section>
    </>
  );
}

/** A community group: its name, its members, and adding a companion to it. */
function GroupEntry({
  group,
  members,
  companions,
  onChanged,
}: {
  group: GroupView;
  members: UserView[];
  companions: UserView[];
  onChanged(): Promise<void>;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  return (
    <li data-group={group.name}>
      <div class="card-head">
        <p class="card-subtitle">
          {t('adminGroup')}: {group.name}
        </p>
        {group.allowed.writableFields.includes('name') && (
          <Rename
            id={group.id!}
            current={group.name ?? ''}
            label={group.name ?? ''}
            save={async (name) => {
              await answered(
                api.PATCH('/api/v1/groups/{id}', {
                  params: { path: { id: group.id! }, header: ifMatch(group.version) },
                  body: { name },
                }),
              );
              await onChanged();
            }}
          />
        )}
      </div>
      <p class="card-line">
        {t('adminMembers')}: {members.length ? members.map((member) => member.name).join(', ') : t('adminNoMembers')}
      </p>
      {companions.length > 0 &&
        (adding ? (
          <RecordForm
            id={`members-${group.id}`}
            title="adminAddMember"
            submit="adminAddMember"
            initial={{ userId: '' }}
            fields={[
              {
                name: 'userId',
                label: 'adminCompanion',
                options: [
                  { value: '', label: t('adminChoose') },
                  ...companions.map((user) => ({ value: idOf(user), label: user.name ?? '' })),
                ],
                check: chosen,
              },
            ]}
            save={async (values) => {
              await answered(
                api.POST('/api/v1/groups/{id}/members', {
                  params: { path: { id: group.id! } },
                  body: { userId: values.userId! },
                }),
              );
              setAdding(false);
              await onChanged();
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button
            type="button"
            class="small"
            aria-label={t('adminAddMemberTo', { name: group.name ?? '' })}
            onClick={() => setAdding(true)}
          >
            {t('adminAddMember')}
          </button>
        ))}
    </li>
  );
}
