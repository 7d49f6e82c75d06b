/**
 * The demo's quality data through the public API: one published QA audit form, a month of internal reviews
 * of each vendor's cases (and its own QA's reviews of some), disputes by a vendor user decided by the admin,
 * and escalation reviews, each dated in its case's week. Answers are drawn from a fixed seed with a per-vendor skill, so vendors differ.
 */
import { addWeeks, weekLabel, type WeekStart } from '../../packages/domain/src/weeks.ts';
import { createRandom } from '../demo/random.ts';
import { ApiClient, must, type Log, type Vendor } from './api-client.ts';

const WEEKS = 4;
// Above the organisation's default minimum sample (30), so the scorecard's quality cells get a status.
export const REVIEWS_PER_WEEK = 32;
/** Of those, the cases the vendor's own QA reviewed too (the calibration gap's pairs). */
export const OWN_REVIEWS_PER_WEEK = 6;
const PROGRESS_EVERY = 100;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const causes = ['agent_error', 'sop_unclear_or_missing', 'tool_or_product_bug', 'policy'];
const criterion = (key: string, title: string, scale: string, critical = false, allowNa = false) => ({
  key,
  title,
  scale,
  allowNa,
  critical,
  rootCauses: causes,
});
export const DEMO_FORM = {
  name: 'Support QA audit',
  kind: 'qa_audit',
  rule: { na: 'excluded', critical: 'zero' },
  sections: [
    {
      key: 'resolution',
      title: 'Resolution',
      weight: 3,
      criteria: [
        criterion('accuracy', 'Correct and complete answer', 'points_5'),
        criterion('policy', 'Refund and privacy policy followed', 'pass_fail', true),
      ],
    },
    {
      key: 'communication',
      title: 'Communication',
      weight: 1,
      criteria: [
        criterion('tone', 'Tone and empathy', 'points_3'),
        criterion('greeting', 'Greeting and closing', 'pass_fail', false, true),
      ],
    },
  ],
};

interface Answer {
  value: number | null;
  rootCause: string | null;
}

function answersFor(random: () => number, skill: number): Record<string, Answer> {
  const cause = () => causes[Math.floor(random() * random() * causes.length)]!;
  const accuracy = Math.min(5, Math.max(1, Math.round(1 + 4 * (skill + (random() - 0.5) * 0.6))));
  const policy = random() < 0.03 + (1 - skill) * 0.1 ? 0 : 1;
  const tone = random() < skill ? 3 : 2;
  const greeting = random() < 0.15 ? null : random() < skill ? 1 : 0;
  return {
    accuracy: { value: accuracy, rootCause: accuracy < 4 ? cause() : null },
    policy: { value: policy, rootCause: policy === 0 ? cause() : null },
    tone: { value: tone, rootCause: tone < 3 ? 'agent_error' : null },
    greeting: { value: greeting, rootCause: greeting === 0 ? 'agent_error' : null },
  };
}

/** Resolves the demo form's id. */
export async function seedQuality(api: ApiClient, baseUrl: string, endWeek: WeekStart, log: Log): Promise<number> {
  const form = (await must(api, 'POST', '/api/quality/forms', { key: 'support-qa', content: DEMO_FORM })) as {
    id: number;
  };
  await must(api, 'POST', `/api/quality/forms/${form.id}/publish`);
  // The demo's disputes look back a month; the organisation's usual window is restored afterwards.
  const { disputeWindowDays } = (await must(api, 'GET', '/api/settings/quality')) as { disputeWindowDays: number };
  await must(api, 'PUT', '/api/settings/quality', { disputeWindowDays: 40 });
  const { items: vendors } = (await must(api, 'GET', '/api/vendors')) as { items: Vendor[] };
  log(`quality: reviewing ${vendors.length} vendors' cases over ${WEEKS} weeks (${REVIEWS_PER_WEEK} a week each)`);
  // Vendors are loaded side by side (each its own vendor-weeks, its own seeded draws), one request at a time each.
  const planned = vendors.length * WEEKS * REVIEWS_PER_WEEK;
  let reviewed = 0;
  const progress = () => {
    reviewed += 1;
    if (reviewed % PROGRESS_EVERY === 0) log(`quality: ${reviewed} of about ${planned} internal reviews`);
  };
  let finished = 0;
  const counts = await Promise.all(
    vendors.map(async (vendor, index) => {
      const count = await seedVendor(
        api,
        baseUrl,
        { vendor, skill: 0.95 - index * 0.1, seed: 19 + index },
        form.id,
        endWeek,
        progress,
      );
      finished += 1;
      log(
        `quality: ${vendor.name}: ${count.reviews} reviews, ${count.own} by its own QA, ${count.escalations} escalation reviews, ${count.disputes} disputes (${finished}/${vendors.length} vendors)`,
      );
      return count;
    }),
  );
  await must(api, 'PUT', '/api/settings/quality', { disputeWindowDays });
  const total = (key: keyof VendorCounts) => counts.reduce((sum, c) => sum + c[key], 0);
  log(
    `quality: form "${DEMO_FORM.name}", ${total('reviews')} reviews (${total('own')} by vendors' QA), ${total('escalations')} escalation reviews, ${total('disputes')} disputes over ${WEEKS} weeks`,
  );
  return form.id;
}

interface VendorCounts {
  reviews: number;
  own: number;
  escalations: number;
  disputes: number;
}

/**
 * One vendor's month: ops review REVIEWS_PER_WEEK cases a week (the vendor's QA lead reviewed the first
 * OWN_REVIEWS_PER_WEEK of them first, a little more kindly: the calibration gap), and the week's escalations,
 * each review dated in the case's week as an auditor working through that week would.
 */
async function seedVendor(
  api: ApiClient,
  baseUrl: string,
  { vendor, skill, seed }: { vendor: Vendor; skill: number; seed: number },
  formId: number,
  endWeek: WeekStart,
  progress: () => void,
): Promise<VendorCounts> {
  const generator = createRandom(seed);
  const random = () => generator.next();
  const vendorUser = await createVendorUser(api, baseUrl, vendor);
  const counts: VendorCounts = { reviews: 0, own: 0, escalations: 0, disputes: 0 };
  const disputable: number[] = [];
  for (let w = WEEKS - 1; w >= 0; w -= 1) {
    const monday = addWeeks(endWeek, -w);
    const label = weekLabel(monday);
    const inWeek = (i: number, hour: number) =>
      new Date(
        Math.min(Date.now() - 60_000, Date.parse(`${monday}T00:00:00Z`) + (i % 5) * DAY_MS + hour * HOUR_MS),
      ).toISOString();
    const page = (await must(
      api,
      'GET',
      `/api/cases?vendorId=${vendor.id}&week=${label}&limit=${REVIEWS_PER_WEEK}`,
    )) as {
      items: { caseId: number }[];
    };
    for (const [i, item] of page.items.entries()) {
      if (vendorUser && i < OWN_REVIEWS_PER_WEEK) {
        await must(vendorUser, 'POST', '/api/quality/reviews', {
          caseId: item.caseId,
          formId,
          answers: answersFor(random, Math.min(1, skill + 0.1)),
          feedback: 'Self-check by our QA lead.',
          reviewedAt: inWeek(i, 9),
        });
        counts.own += 1;
      }
      const review = (await must(api, 'POST', '/api/quality/reviews', {
        caseId: item.caseId,
        formId,
        answers: answersFor(random, skill),
        feedback: 'Checked against the SOP for this queue.',
        reviewedAt: inWeek(i, 10),
      })) as { review: { id: number; score: number | null } };
      counts.reviews += 1;
      progress();
      if ((review.review.score ?? 100) < 60) disputable.push(review.review.id);
    }
    const escalated = (await must(api, 'GET', `/api/quality/escalations?week=${label}&vendorId=${vendor.id}`)) as {
      caseId: number;
    }[];
    for (const [i, e] of escalated.slice(0, 8).entries()) {
      await must(api, 'PUT', `/api/quality/escalations/${e.caseId}`, {
        verdict: random() < 0.35 + (1 - skill) ? 'avoidable' : 'valid',
        rootCause: causes[i % causes.length],
        feedback: 'Could the first agent have solved it with the SOP?',
        reviewedAt: inWeek(i, 15),
      });
      counts.escalations += 1;
    }
  }
  if (vendorUser) counts.disputes = await disputeSome(api, vendorUser, disputable.slice(0, 3));
  return counts;
}

/** The vendor's QA lead (a vendor user), signed in; null when the API refuses to create it. */
async function createVendorUser(admin: ApiClient, baseUrl: string, vendor: Vendor): Promise<ApiClient | null> {
  const slug = vendor.name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  const created = (await admin.post('/api/users', {
    email: `qa.lead@${slug}.example`,
    name: `${vendor.name} QA lead`,
    role: 'vendor',
    vendorId: vendor.id,
  })) as { status: number; body: { initialPassword?: string } };
  if (created.status !== 201 || !created.body.initialPassword) return null;
  const vendorUser = new ApiClient(baseUrl);
  await vendorUser.signIn(`qa.lead@${slug}.example`, created.body.initialPassword);
  return vendorUser;
}

/** A vendor user disputes the policy answer of low-scored reviews; the admin accepts the first, rejects the rest. */
async function disputeSome(admin: ApiClient, vendorUser: ApiClient, reviewIds: number[]): Promise<number> {
  let opened = 0;
  for (const [i, reviewId] of reviewIds.entries()) {
    const dispute = await vendorUser.post(`/api/quality/reviews/${reviewId}/disputes`, {
      comment: 'Our SOP allows this answer.',
      items: [{ criterionKey: 'policy', proposedValue: 1, comment: 'SOP 4.2' }],
    });
    if (dispute.status !== 201) continue;
    opened += 1;
    if (i === reviewIds.length - 1) continue; // one stays open
    const { dispute: d } = dispute.body as { dispute: { id: number } };
    await must(admin, 'POST', `/api/quality/disputes/${d.id}/decision`, {
      reason: i === 0 ? 'Agreed: SOP 4.2 allows it.' : 'The SOP in force that week did not.',
      items: [{ criterionKey: 'policy', accepted: i === 0 }],
    });
  }
  return opened;
}
