import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { FaultConfigSchema } from './core/faults.js';
import { MARKETPLACES, REGIONS, type Region } from './core/regions.js';

const ApplicationSchema = z
  .object({
    applicationId: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(16),
    name: z.string().min(1),
    status: z.enum(['draft', 'published']).default('published'),
    redirectUris: z.array(z.url()).min(1),
    restrictedRoles: z.array(z.string()).default([]),
  })
  .strict();

const SellerSchema = z
  .object({
    sellingPartnerId: z.string().regex(/^A[0-9A-Z]{6,20}$/, 'Amazon-style selling partner id'),
    name: z.string().min(1),
    region: z.enum(REGIONS),
    marketplaceIds: z.array(z.string()).min(1),
    orderCount: z.number().int().min(0).max(200_000).default(200),
    historyDays: z.number().int().min(1).max(365).default(45),
    /** Orders whose purchase date lies ahead appear as the sim clock advances. */
    futureDays: z.number().int().min(0).max(60).default(3),
  })
  .strict()
  .superRefine((seller, ctx) => {
    for (const id of seller.marketplaceIds) {
      const info = (MARKETPLACES as Record<string, { region: Region }>)[id];
      if (info?.region !== seller.region) {
        ctx.addIssue({
          code: 'custom',
          message: `marketplace ${id} is not in region ${seller.region}`,
        });
      }
    }
  });

export const SimConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    /** 0 picks free ports; otherwise listeners use basePort, basePort+1, … (see listenerPorts). */
    basePort: z.number().int().min(0).max(65_000).default(0),
    seed: z.number().int().default(42),
    /** Multiplies rate-limit refill speed (benchmarks). */
    timeScale: z.number().positive().max(1_000_000).default(1),
    /** Answer from the models' static sandbox cases instead of simulated data. */
    sandbox: z.boolean().default(false),
    /** Expose the /_sim control API on its own listener. Off unless enabled. */
    controlApi: z.boolean().default(false),
    applications: z.array(ApplicationSchema).min(1),
    sellers: z.array(SellerSchema).default([]),
    /** No faults unless configured; FaultConfigSchema holds the defaults. */
    faults: FaultConfigSchema.prefault({}),
  })
  .strict();

export type SimConfigInput = z.input<typeof SimConfigSchema>;
export type SimConfig = z.output<typeof SimConfigSchema>;
export type SellerConfig = SimConfig['sellers'][number];
export type ApplicationConfig = SimConfig['applications'][number];

export function parseSimConfig(input: unknown): SimConfig {
  return SimConfigSchema.parse(input);
}

/** Credentials for a simulated application, generated fresh so none live in the repository. */
export function generateApplicationCredentials(): {
  clientId: string;
  clientSecret: string;
  applicationId: string;
} {
  return {
    applicationId: `amzn1.sp.solution.${randomBytes(16).toString('hex')}`,
    clientId: `amzn1.application-oa2-client.${randomBytes(16).toString('hex')}`,
    clientSecret: `amzn1.oa2-cs.v1.${randomBytes(32).toString('hex')}`,
  };
}

/** The demo world: one published application with the PII role and two sellers. */
export function demoConfig(redirectUri: string): SimConfigInput {
  return {
    controlApi: true,
    applications: [
      {
        ...generateApplicationCredentials(),
        name: 'Parcel Desk (demo)',
        status: 'published',
        redirectUris: [redirectUri],
        restrictedRoles: ['DirectToConsumerShipping'],
      },
    ],
    sellers: [
      {
        sellingPartnerId: 'A1DEMOSELLERNA',
        name: 'Harbor & Pine Goods',
        region: 'na',
        marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
        orderCount: 600,
      },
      {
        sellingPartnerId: 'A2DEMOSELLEREU',
        name: 'Nordlicht Haushalt',
        region: 'eu',
        marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P'],
        orderCount: 300,
      },
    ],
  };
}
