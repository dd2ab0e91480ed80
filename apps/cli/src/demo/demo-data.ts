import type { Role, ServiceType } from '@pendamping/auth';

export const DEMO_PLACES = [
  {
    name: 'Kupang',
    code: 'KPG',
    villages: [
      { name: 'Oesao', group: 'Kelompok Perempuan Mawar Oesao' },
      { name: 'Baumata', group: 'Kelompok Dampingan Baumata Bangkit' },
      { name: 'Noelbaki', group: 'Kelompok Sehati Noelbaki' },
    ],
  },
  {
    name: 'SoE',
    code: 'SOE',
    villages: [
      { name: 'Kuatae', group: 'Kelompok Perempuan Kuatae' },
      { name: 'Oinlasi', group: 'Kelompok Lopo Oinlasi' },
      { name: 'Nule', group: 'Kelompok Tenun Harapan Nule' },
    ],
  },
];

export const DEMO_SERVICE_PROVIDERS: { name: string; serviceType: ServiceType; region: string; phone: string | null }[] = [
  { name: 'Unit PPA Polres Kupang', serviceType: 'police', region: 'KPG', phone: '0380-000-110' },
  { name: 'Puskesmas Oesao', serviceType: 'health', region: 'KPG', phone: null },
  { name: 'RSUD SoE', serviceType: 'health', region: 'SOE', phone: null },
  { name: 'LBH APIK NTT', serviceType: 'legal_aid', region: 'KPG', phone: null },
  { name: 'UPTD PPA Kabupaten Timor Tengah Selatan', serviceType: 'uptd_ppa', region: 'SOE', phone: null },
  { name: 'Rumah Aman Sanggar Perempuan', serviceType: 'shelter', region: 'KPG', phone: null },
];

export const DEMO_USERS: { email: string; name: string; role: Role; scope: string; regions?: string[]; groups?: string[] }[] = [
  { email: 'admin@demo.pendamping.local', name: 'Maria Goreti Lake', role: 'org_admin', scope: 'whole organisation' },
  { email: 'koordinator.kupang@demo.pendamping.local', name: 'Yuliana Bria', role: 'coordinator', scope: 'region Kupang', regions: ['KPG'] },
  { email: 'koordinator.soe@demo.pendamping.local', name: 'Sarlota Tefa', role: 'coordinator', scope: 'region SoE', regions: ['SOE'] },
  { email: 'reviewer@demo.pendamping.local', name: 'Dewi Lestari', role: 'reviewer', scope: 'whole organisation' },
  { email: 'pendamping.oesao@demo.pendamping.local', name: 'Ance Nenobais', role: 'companion', scope: 'Kelompok Perempuan Mawar Oesao', groups: ['Kelompok Perempuan Mawar Oesao'] },
  { email: 'pendamping.baumata@demo.pendamping.local', name: 'Welmince Seran', role: 'companion', scope: 'Baumata and Noelbaki groups', groups: ['Kelompok Dampingan Baumata Bangkit', 'Kelompok Sehati Noelbaki'] },
  { email: 'pendamping.kuatae@demo.pendamping.local', name: 'Orpa Nubatonis', role: 'companion', scope: 'Kuatae and Oinlasi groups', groups: ['Kelompok Perempuan Kuatae', 'Kelompok Lopo Oinlasi'] },
];
