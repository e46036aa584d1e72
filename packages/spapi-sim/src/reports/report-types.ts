import type { SimState } from '../core/state.js';
import type { SimOrderView } from '../data/order.types.js';
import { toActionableOrderRows, toTsv } from '../data/report-rows.js';
import { ALL_ORDERS_COLUMNS, toAllOrdersRows } from './all-orders-report.js';

/** What a report reads: one seller's orders in some marketplaces and a data window. */
export interface ReportWindow {
  sellingPartnerId: string;
  marketplaceIds: readonly string[];
  dataStartTime: number;
  dataEndTime: number;
}

export interface ReportTypeDef {
  /**
   * Restricted report types carry PII: their document is only handed out to a Restricted Data
   * Token naming the document's specific path (Amazon's list of restricted reports).
   */
  restricted: boolean;
  /** The flat file as of `at` (processing end), or null when there is nothing to report. */
  render: (state: SimState, window: ReportWindow, at: number) => string | null;
}

function ordersIn(
  state: SimState,
  window: ReportWindow,
  at: number,
  timestamp: (view: SimOrderView) => number,
): SimOrderView[] {
  return state.orders
    .list(window.sellingPartnerId, at)
    .filter(
      (view) =>
        window.marketplaceIds.includes(view.marketplaceId) &&
        timestamp(view) >= window.dataStartTime &&
        timestamp(view) <= window.dataEndTime,
    );
}

function allOrders(timestamp: (view: SimOrderView) => number): ReportTypeDef {
  return {
    restricted: false,
    render: (state, window, at) => {
      const rows = ordersIn(state, window, at, timestamp).flatMap(toAllOrdersRows);
      return rows.length === 0 ? null : toTsv(rows, ALL_ORDERS_COLUMNS);
    },
  };
}

const REPORT_TYPES: Readonly<Record<string, ReportTypeDef>> = {
  /** "Unshipped Orders Report": MFN orders still to ship, with buyer and recipient PII. */
  GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING: {
    restricted: true,
    render: (state, window, at) => {
      const rows = ordersIn(state, window, at, (view) => view.purchaseDate).flatMap((view) =>
        toActionableOrderRows(view, at),
      );
      return rows.length === 0 ? null : toTsv(rows);
    },
  },
  GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL: allOrders((view) => view.purchaseDate),
  GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL: allOrders((view) => view.lastUpdateDate),
};

export const SUPPORTED_REPORT_TYPES = Object.keys(REPORT_TYPES);

export function reportTypeDef(reportType: string): ReportTypeDef | undefined {
  return Object.hasOwn(REPORT_TYPES, reportType) ? REPORT_TYPES[reportType] : undefined;
}
