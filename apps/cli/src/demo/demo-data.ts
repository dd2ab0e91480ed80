import type { Role, ServiceType } from '@pendamping/auth';

/** Two regions of Nusa Tenggara Timur, four villages each, one companion group per village. */
export const DEMO_PLACES = [
  {
    name: 'Kupang',
    code: 'KPG',
    villages: [
      { name: 'Oesao', group: 'Kelompok Perempuan Mawar Oesao' },
      { name: 'Baumata', group: 'Kelompok Dampingan Baumata Bangkit' },
      { name: 'Noelbaki', group: 'Kelompok Sehati Noelbaki' },
      { name: 'Tarus', group: 'Kelompok Peduli Perempuan dan Anak Tarus' },
    ],
  },
  {
    name: 'SoE',
    code: 'SOE',
    villages: [
      { name: 'Kuatae', group: 'Kelompok Perempuan Kuatae' },
      { name: 'Oinlasi', group: 'Kelompok Lopo Oinlasi' },
      { name: 'Nule', group: 'Kelompok Tenun Harapan Nule' },
      { name: 'Kesetnana', group: 'Kelompok Sehati Kesetnana' },
    ],
  },
];

/** Phone numbers are placeholders in a block no operator assigns. */
export const DEMO_SERVICE_PROVIDERS: {
  name: string;
  serviceType: ServiceType;
  region: string | null;
  phone: string | null;
}[] = [
  { name: 'Unit PPA Polres Kupang', serviceType: 'police', region: 'KPG', phone: '0380-000-110' },
  { name: 'Puskesmas Oesao', serviceType: 'health', region: 'KPG', phone: null },
  { name: 'RSUD SoE', serviceType: 'health', region: 'SOE', phone: null },
  { name: 'LBH APIK NTT', serviceType: 'legal_aid', region: 'KPG', phone: null },
  { name: 'UPTD PPA Kabupaten Timor Tengah Selatan', serviceType: 'uptd_ppa', region: 'SOE', phone: null },
  { name: 'Rumah Aman Sanggar Perempuan', serviceType: 'shelter', region: 'KPG', phone: null },
  { name: 'UPTD PPA Kabupaten Kupang', serviceType: 'uptd_ppa', region: 'KPG', phone: null },
  { name: 'RSUD Naibonat', serviceType: 'health', region: 'KPG', phone: null },
  { name: 'Dinas Sosial Kabupaten Kupang', serviceType: 'social_services', region: 'KPG', phone: null },
  { name: 'Unit PPA Polres Timor Tengah Selatan', serviceType: 'police', region: 'SOE', phone: '0388-000-110' },
  { name: 'Puskesmas Oinlasi', serviceType: 'health', region: 'SOE', phone: null },
  { name: 'Posbakum Paralegal Komunitas SoE', serviceType: 'legal_aid', region: 'SOE', phone: null },
  { name: 'Dinas Sosial Kabupaten Timor Tengah Selatan', serviceType: 'social_services', region: 'SOE', phone: null },
  { name: 'Layanan Konseling Sahabat Perempuan', serviceType: 'psychosocial', region: null, phone: null },
];

export const DEMO_USERS: {
  email: string;
  name: string;
  role: Role;
  scope: string;
  regions?: string[];
  groups?: string[];
}[] = [
  { email: 'admin@demo.pendamping.local', name: 'Maria Goreti Lake', role: 'org_admin', scope: 'whole organisation' },
  // The second administrator decides the first one's administration requests, and she his (SPEC §8).
  {
    email: 'admin2@demo.pendamping.local',
    name: 'Theresia Manafe',
    role: 'org_admin',
    scope: 'whole organisation (approves the other admin)',
  },
  {
    email: 'koordinator.kupang@demo.pendamping.local',
    name: 'Yuliana Bria',
    role: 'coordinator',
    scope: 'region Kupang',
    regions: ['KPG'],
  },
  {
    email: 'koordinator.soe@demo.pendamping.local',
    name: 'Sarlota Tefa',
    role: 'coordinator',
    scope: 'region SoE',
    regions: ['SOE'],
  },
  { email: 'reviewer@demo.pendamping.local', name: 'Dewi Lestari', role: 'reviewer', scope: 'whole organisation' },
  {
    email: 'pendamping.oesao@demo.pendamping.local',
    name: 'Ance Nenobais',
    role: 'companion',
    scope: 'Kelompok Perempuan Mawar Oesao',
    groups: ['Kelompok Perempuan Mawar Oesao'],
  },
  {
    email: 'pendamping.baumata@demo.pendamping.local',
    name: 'Welmince Seran',
    role: 'companion',
    scope: 'Baumata and Noelbaki groups',
    groups: ['Kelompok Dampingan Baumata Bangkit', 'Kelompok Sehati Noelbaki'],
  },
  {
    email: 'pendamping.tarus@demo.pendamping.local',
    name: 'Siti Nurhayati Lamuri',
    role: 'companion',
    scope: 'Kelompok Peduli Perempuan dan Anak Tarus',
    groups: ['Kelompok Peduli Perempuan dan Anak Tarus'],
  },
  {
    email: 'pendamping.kuatae@demo.pendamping.local',
    name: 'Orpa Nubatonis',
    role: 'companion',
    scope: 'Kuatae and Oinlasi groups',
    groups: ['Kelompok Perempuan Kuatae', 'Kelompok Lopo Oinlasi'],
  },
  {
    email: 'pendamping.nule@demo.pendamping.local',
    name: 'Yohana Tlonaen',
    role: 'companion',
    scope: 'Nule and Kesetnana groups',
    groups: ['Kelompok Tenun Harapan Nule', 'Kelompok Sehati Kesetnana'],
  },
];
