// Our tickets in the shape of Open311 GeoReport v2 service requests (GET requests.json), so a city platform that
// speaks it can take our data without a bespoke mapping. Records (随手做, 巡查 …) are work, not requests: not exported.
import { categoryZh, placeZh, STATUS_ZH } from '../domain/categories.js';
import type { Roster } from '../roster/types.js';
import type { Db } from '../store/db.js';
import { ledgerRows } from '../store/ledger.js';
import { ticketTrail } from '../store/stats.js';

export interface GeoReportRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311Filter {
  community?: string;
  /** created_at in [from, to): ISO instants */
  from?: string;
  to?: string;
  /** Where photos are served (by sha256); without it media_url is null rather than a link that leads nowhere. */
  mediaBase?: string;
}

export function open311Requests(db: Db, roster: Roster, f: Open311Filter = {}): GeoReportRequest[] {
  const from = f.from ?? '', to = f.to ?? '9999';
  const trail = ticketTrail(db, f.community ?? null, from, to);
  const out: GeoReportRequest[] = [];
  for (const r of ledgerRows(db, { community: f.community, from, to })) {
    if (r.kind !== 'ticket') continue;
    const id = Number(r.id);
    const t = trail.get(id);
    const c = roster.community(r.community);
    const grid = r.grid ? roster.grid(r.grid) : undefined;
    const updated = [r.created_at, r.resolved_at, t?.updated_at].filter((x): x is string => Boolean(x)).sort().at(-1)!;
    out.push({
      service_request_id: String(id),
      status: r.status === 'resolved' || r.status === 'cancelled' ? 'closed' : 'open',
      status_notes: STATUS_ZH[r.status] ?? r.status,
      service_name: categoryZh(r.category),
      service_code: r.category ?? 'other',
      description: r.text,
      agency_responsible: grid?.name ?? r.grid ?? null,
      service_notice: null,
      requested_datetime: r.created_at,
      updated_datetime: updated,
      expected_datetime: r.due_at ?? null,
      address: `${roster.street}${c?.name ?? r.community}${r.location.compound || r.location.building ? placeZh(r.location) : ''}`,
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: f.mediaBase && t?.photo ? `${f.mediaBase.replace(/\/$/, '')}/${t.photo}` : null,
    });
  }
  return out;
}
