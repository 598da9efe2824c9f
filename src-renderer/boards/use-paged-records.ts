// React binding of PagedRecords: one instance per list screen, following the screen's query.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ListFilters, RecordKind } from '../../src-shared/boards-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { PagedRecords } from './paged-records.js';
import type { ListState } from './paged-records.js';

export function usePagedRecords(
  api: KioskApi,
  kind: RecordKind,
  regionCode: string,
  filters: ListFilters,
): { records: PagedRecords; state: ListState } {
  // The fetch reads the latest api through a ref, so the cache survives a new api object.
  const apiRef = useRef(api);
  useEffect(() => {
    apiRef.current = api;
  });

  const [records] = useState(
    () =>
      new PagedRecords((query, offset, limit) =>
        apiRef.current.listRecords({ kind: query.kind, regionCode: query.regionCode, filters: query.filters, offset, limit }),
      ),
  );
  const state = useSyncExternalStore(records.subscribe, records.getState);

  const { year, period, category, noticeBoard, flaggedOnly } = filters;
  useEffect(() => {
    const current: ListFilters = {};
    if (year !== undefined) current.year = year;
    if (period !== undefined) current.period = period;
    if (category !== undefined) current.category = category;
    if (noticeBoard !== undefined) current.noticeBoard = noticeBoard;
    if (flaggedOnly) current.flaggedOnly = true;
    records.setQuery({ kind, regionCode, filters: current });
  }, [records, kind, regionCode, year, period, category, noticeBoard, flaggedOnly]);

  return { records, state };
}
