import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { allPages } from '../api/page';
import { answered } from '../api/problem';
import type { components } from '../api/schema';
import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import { Alert } from '../ui/alert';
import { failureText } from '../ui/failure-text';
import { Heading } from '../ui/heading';
import { codeLabel } from '../ui/labels';
import { IdempotencyKeys } from '../ui/idempotency-keys';
import { ifMatch } from './admin-pages';
import { chosen, type FieldSpec, nameField, RecordForm } from './admin-record-form';
import type { RegionView, ServiceProviderView } from './admin-views';
import { Loading } from '../ui/loading';

interface Loaded {
  providers: ServiceProviderView[];
  regions: RegionView[];
  codes: CodeLists;
}

type ServiceType = components['schemas']['CreateServiceProviderDto']['serviceType'];

const PHONE_MAX = 40;
const ADDRESS_MAX = 500;

/** The values of the form as the API takes them: an empty region, phone or address is none. */
function providerBody(values: Record<string, string>) {
  return {
    name: values.name!.trim(),
    serviceType: values.serviceType as ServiceType,
    regionId: values.regionId || null,
    phone: values.phone?.trim() || null,
    address: values.address?.trim() || null,
  };
}

/**
 * The service directory (SPEC §2): the providers companions refer survivors to, by type and
 * region; adding one and changing one (its details, or taking it out of use), as `allowed` permits.
 */
export function DirectoryScreen() {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<unknown>();
  const [editing, setEditing] = useState<string>();
  const [keys] = useState(() => new IdempotencyKeys());

  const load = () =>
    Promise.all([
      allPages((query) => api.GET('/api/v1/service-providers', { params: { query } })),
      allPages((query) => api.GET('/api/v1/regions', { params: { query } })),
      answered(api.GET('/api/v1/code-lists')),
    ]).then(([providers, regions, codes]) => setLoaded({ providers, regions, codes }), setFailure);
  useEffect(() => void load(), []);

  if (!loaded)
    return <Loading title={t('adminNavDirectory')} failure={failure ? failureText(failure, t) : undefined} />;

  const { codes, regions } = loaded;
  const fields = (withActive: boolean): FieldSpec[] => [
    nameField(),
    {
      name: 'serviceType',
      label: 'adminServiceType',
      options: [
        { value: '', label: t('adminChoose') },
        ...(codes.serviceType ?? []).map((entry) => ({ value: entry.code, label: entry.label[language] })),
      ],
      check: chosen,
    },
    {
      name: 'regionId',
      label: 'adminRegion',
      options: [
        { value: '', label: t('adminWholeOrganisation') },
        ...regions.map((region) => ({ value: region.id!, label: region.name ?? '' })),
      ],
    },
    {
      name: 'phone',
      label: 'adminPhone',
      maxLength: PHONE_MAX,
      check: (value) => (value.length <= PHONE_MAX ? undefined : 'adminTooLong'),
    },
    {
      name: 'address',
      label: 'adminAddress',
      maxLength: ADDRESS_MAX,
      check: (value) => (value.length <= ADDRESS_MAX ? undefined : 'adminTooLong'),
    },
    ...(withActive
      ? [
          {
            name: 'active',
            label: 'adminInUse' as const,
            options: [
              { value: 'true', label: t('adminActive') },
              { value: 'false', label: t('adminInactive') },
            ],
          },
        ]
      : []),
  ];
  const regionName = (id: string | null | undefined) =>
    id ? (regions.find((region) => region.id === id)?.name ?? '') : t('adminWholeOrganisation');

  return (
    <>
      <Heading>{t('adminNavDirectory')}</Heading>
      <p>{t('adminDirectoryHelp')}</p>
      <Alert text={failure ? failureText(failure, t) : undefined} />
      {loaded.providers.length === 0 ? (
        <p>{t('adminNoProviders')}</p>
      ) : (
        <ul class="cards" aria-label={t('adminNavDirectory')}>
          {loaded.providers.map((provider) => (
            <li key={provider.id} class="card" data-provider={provider.name}>
              <p class="card-title">{provider.name}</p>
              <dl class="facts">
                <div>
                  <dt>{t('adminServiceType')}</dt>
                  <dd>{codeLabel(codes, language, 'serviceType', provider.serviceType)}</dd>
                </div>
                <div>
                  <dt>{t('adminRegion')}</dt>
                  <dd>{regionName(provider.regionId)}</dd>
                </div>
                {provider.phone && (
                  <div>
                    <dt>{t('adminPhone')}</dt>
                    <dd>{provider.phone}</dd>
                  </div>
                )}
                {provider.address && (
                  <div>
                    <dt>{t('adminAddress')}</dt>
                    <dd>{provider.address}</dd>
                  </div>
                )}
                <div>
                  <dt>{t('status')}</dt>
                  <dd>{t(provider.active === false ? 'adminInactive' : 'adminActive')}</dd>
                </div>
              </dl>
              {provider.allowed.actions.includes('update') &&
                (editing === provider.id ? (
                  <RecordForm
                    id={`provider-${provider.id}`}
                    title="adminEditProvider"
                    submit="adminSave"
                    initial={{
                      name: provider.name ?? '',
                      serviceType: provider.serviceType ?? '',
                      regionId: provider.regionId ?? '',
                      phone: provider.phone ?? '',
                      address: provider.address ?? '',
                      active: String(provider.active !== false),
                    }}
                    fields={fields(true)}
                    save={async (values) => {
                      await answered(
                        api.PATCH('/api/v1/service-providers/{id}', {
                          params: { path: { id: provider.id! }, header: ifMatch(provider.version) },
                          body: { ...providerBody(values), active: values.active === 'true' },
                        }),
                      );
                      setEditing(undefined);
                      await load();
                    }}
                    onCancel={() => setEditing(undefined)}
                  />
                ) : (
                  <button
                    type="button"
                    class="small"
                    aria-label={t('adminEditNamed', { name: provider.name ?? '' })}
                    onClick={() => setEditing(provider.id ?? undefined)}
                  >
                    {t('adminEdit')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      <RecordForm
        id="new-provider"
        title="adminNewProvider"
        submit="adminCreate"
        initial={{ name: '', serviceType: '', regionId: '', phone: '', address: '' }}
        fields={fields(false)}
        save={async (values) => {
          const { regionId, phone, address, ...required } = providerBody(values);
          const body = {
            ...required,
            ...(regionId && { regionId }),
            ...(phone && { phone }),
            ...(address && { address }),
          };
          await answered(
            api.POST('/api/v1/service-providers', { headers: { 'Idempotency-Key': keys.for(body) }, body }),
          );
          keys.forget();
          await load();
        }}
      />
    </>
  );
}
