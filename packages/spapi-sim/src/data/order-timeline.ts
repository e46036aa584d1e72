/**
 * An order's life as a list of events. A generated order follows one of a few "fates":
 *
 * - normal: Pending at purchase, Unshipped 10-45 min later (payment authorized), shipped
 *   2 h - 5 days later (FBA within ~30 h); multi-unit orders sometimes ship in two parts,
 *   passing through PartiallyShipped.
 * - slow payment: stays Pending 12 h - 5 days before Unshipped.
 * - late shipper (MFN): stays Unshipped 4-12 days.
 * - backorder (multi-unit): the second part ships 4-15 days after the first.
 * - canceled while Pending (payment failed / buyer) or while Unshipped.
 *
 * The slow fates keep some orders Pending/Unshipped/PartiallyShipped long enough that
 * advancing the simulator clock visibly moves them.
 */
import type { OrderStatus, SimCancellation, SimOrderEvent } from './order.types.js';
import type { Prng, WeightedEntries } from './prng.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, toWholeSecond } from './time.js';

export interface TimelineLine {
  orderItemId: string;
  quantityOrdered: number;
}

export interface TimelineInput {
  purchaseDate: number;
  fulfillmentChannel: 'MFN' | 'AFN';
  items: readonly TimelineLine[];
}

export interface PlannedTimeline {
  timeline: SimOrderEvent[];
  cancellation?: SimCancellation;
}

type Fate =
  'normal' | 'slowPending' | 'lateShipper' | 'backorder' | 'cancelPending' | 'cancelUnshipped';

function unitsOf(items: readonly TimelineLine[]): number {
  return items.reduce((sum, line) => sum + line.quantityOrdered, 0);
}

function chooseFate(rng: Prng, input: TimelineInput): Fate {
  const multiUnit = unitsOf(input.items) > 1;
  const weights: WeightedEntries<Fate> = [
    ['normal', 82],
    ['slowPending', 6],
    ['lateShipper', input.fulfillmentChannel === 'MFN' ? 5 : 0],
    ['backorder', multiUnit ? 4 : 0],
    ['cancelPending', 1.5],
    ['cancelUnshipped', 2.5],
  ];
  return rng.weighted(weights);
}

/**
 * A map keyed by order item id. Null-prototype objects start in V8's dictionary mode: ordinary
 * `{}` literals would get a new hidden class per unique id (tens of thousands per seller),
 * which made generating and viewing 20k orders ~20x slower.
 */
export function idMap(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

function shipped(
  items: readonly TimelineLine[],
  pick: (line: TimelineLine) => number,
): Record<string, number> {
  const out = idMap();
  for (const line of items) out[line.orderItemId] = pick(line);
  return out;
}

const nothingShipped = (items: readonly TimelineLine[]) => shipped(items, () => 0);
const everythingShipped = (items: readonly TimelineLine[]) =>
  shipped(items, (l) => l.quantityOrdered);

/** A first shipment that leaves something behind: whole lines, or part of a single line. */
function partialShipment(rng: Prng, items: readonly TimelineLine[]): Record<string, number> {
  if (items.length > 1) {
    const shipCount = rng.int(1, items.length - 1);
    const shippedIds = new Set(
      rng
        .shuffle(items)
        .slice(0, shipCount)
        .map((l) => l.orderItemId),
    );
    return shipped(items, (l) => (shippedIds.has(l.orderItemId) ? l.quantityOrdered : 0));
  }
  return shipped(items, (l) => rng.int(1, l.quantityOrdered - 1));
}

function shipDelay(rng: Prng, channel: 'MFN' | 'AFN'): number {
  if (channel === 'AFN') return rng.int(2 * HOUR_MS, 30 * HOUR_MS);
  const [min, max] = rng.weighted<readonly [number, number]>([
    [[2 * HOUR_MS, 12 * HOUR_MS], 30],
    [[12 * HOUR_MS, 30 * HOUR_MS], 40],
    [[30 * HOUR_MS, 60 * HOUR_MS], 20],
    [[60 * HOUR_MS, 5 * DAY_MS], 10],
  ]);
  return rng.int(min, max);
}

const BUYER_REASONS = [
  'Order created by mistake',
  'Found cheaper somewhere else',
  'Delivery time too long',
];
const MERCHANT_REASONS = ['Item out of stock', 'Pricing error'];

function cancellationFor(rng: Prng, fromPending: boolean): SimCancellation {
  if (fromPending && rng.chance(0.6))
    return { by: 'AMAZON', reason: 'Payment authorization failed' };
  if (!fromPending && rng.chance(0.35))
    return { by: 'MERCHANT', reason: rng.pick(MERCHANT_REASONS) };
  return { by: 'BUYER', reason: rng.pick(BUYER_REASONS) };
}

/** Plans a generated order's whole life from its purchase date. */
export function planTimeline(rng: Prng, input: TimelineInput): PlannedTimeline {
  const { items, purchaseDate } = input;
  const fate = chooseFate(rng, input);
  const at = (ms: number) => toWholeSecond(ms);
  const events: SimOrderEvent[] = [
    { at: at(purchaseDate), status: 'Pending', shipped: nothingShipped(items) },
  ];

  if (fate === 'cancelPending') {
    const canceledAt = at(purchaseDate + rng.int(30 * MINUTE_MS, 2 * DAY_MS));
    events.push({ at: canceledAt, status: 'Canceled', shipped: nothingShipped(items) });
    return { timeline: events, cancellation: cancellationFor(rng, true) };
  }

  const pendingFor =
    fate === 'slowPending'
      ? rng.int(6 * HOUR_MS, 4 * DAY_MS)
      : rng.int(10 * MINUTE_MS, 45 * MINUTE_MS);
  const unshippedAt = at(purchaseDate + pendingFor);
  events.push({ at: unshippedAt, status: 'Unshipped', shipped: nothingShipped(items) });

  if (fate === 'cancelUnshipped') {
    const canceledAt = at(unshippedAt + rng.int(HOUR_MS, 2 * DAY_MS));
    events.push({ at: canceledAt, status: 'Canceled', shipped: nothingShipped(items) });
    return { timeline: events, cancellation: cancellationFor(rng, false) };
  }

  const firstShipAt = at(
    unshippedAt +
      (fate === 'lateShipper'
        ? rng.int(4 * DAY_MS, 12 * DAY_MS)
        : shipDelay(rng, input.fulfillmentChannel)),
  );
  const multiUnit = unitsOf(items) > 1;
  const splitChance = input.fulfillmentChannel === 'MFN' ? 0.25 : 0.12;
  if (multiUnit && (fate === 'backorder' || rng.chance(splitChance))) {
    events.push({
      at: firstShipAt,
      status: 'PartiallyShipped',
      shipped: partialShipment(rng, items),
    });
    const gap =
      fate === 'backorder' ? rng.int(4 * DAY_MS, 15 * DAY_MS) : rng.int(6 * HOUR_MS, 3 * DAY_MS);
    events.push({
      at: at(firstShipAt + gap),
      status: 'Shipped',
      shipped: everythingShipped(items),
    });
  } else {
    events.push({ at: firstShipAt, status: 'Shipped', shipped: everythingShipped(items) });
  }
  return { timeline: events };
}

/**
 * A timeline that reaches `status` at the purchase instant and stays there (control API
 * orders with a chosen status). PartiallyShipped needs more than one unit.
 */
export function fixedStatusTimeline(
  status: OrderStatus,
  purchaseDate: number,
  items: readonly TimelineLine[],
): SimOrderEvent[] {
  const at = toWholeSecond(purchaseDate);
  const pending: SimOrderEvent = { at, status: 'Pending', shipped: nothingShipped(items) };
  switch (status) {
    case 'Pending':
      return [pending];
    case 'Canceled':
      return [pending, { at, status, shipped: nothingShipped(items) }];
    case 'Unshipped':
      return [pending, { at, status, shipped: nothingShipped(items) }];
    case 'PartiallyShipped': {
      if (unitsOf(items) < 2)
        throw new RangeError('PartiallyShipped needs an order with more than one unit');
      const firstLine = items[0];
      const first =
        items.length > 1
          ? shipped(items, (l) => (l === firstLine ? l.quantityOrdered : 0))
          : shipped(items, () => 1);
      return [
        pending,
        { at, status: 'Unshipped', shipped: nothingShipped(items) },
        { at, status, shipped: first },
      ];
    }
    case 'Shipped':
      return [
        pending,
        { at, status: 'Unshipped', shipped: nothingShipped(items) },
        { at, status, shipped: everythingShipped(items) },
      ];
  }
}
