/**
 * The demo's quality data through the public API: one published QA audit form, a month of internal reviews
 * of each vendor's cases (and its own QA's reviews of some), disputes by a vendor user decided by the admin,
 * and escalation reviews. Answers are drawn from a fixed seed with a per-vendor skill, so vendors differ.
 */
import { addWeeks, weekLabel, type WeekStart } from '../../packages/domain/src/weeks.ts';
import { createRandom } from '../demo/random.ts';
import { ApiClient } from './api-client.ts';

const WEEKS = 4;
// Above the organisation's default minimum sample (30), so the scorecard's quality cells get a status.
export const REVIEWS_PER_WEEK = 32;
const DAY_MS = 86_400_000;
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

type Log = (message: string) => void;
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

async function must(api: ApiClient, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
  const response = await api.request(method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function seedQuality(api: ApiClient, baseUrl: string, endWeek: WeekStart, log: Log): Promise<void> {
  const form = (await must(api, 'POST', '/api/quality/forms', { key: 'support-qa', content: DEMO_FORM })) as {
    id: number;
  };
  await must(api, 'POST', `/api/quality/forms/${form.id}/publish`);
  // The demo's disputes look back a month; the organisation's usual window is restored afterwards.
  const { disputeWindowDays } = (await must(api, 'GET', '/api/settings/quality')) as { disputeWindowDays: number };
  await must(api, 'PUT', '/api/settings/quality', { disputeWindowDays: 40 });
  const { items: vendors } = (await must(api, 'GET', '/api/vendors')) as { items: { id: number; name: string }[] };
  const generator = createRandom(19);
  const random = () => generator.next();
  let reviews = 0;
  let disputes = 0;
  for (const [index, vendor] of vendors.entries()) {
    const skill = 0.95 - index * 0.1;
    const disputable: number[] = [];
    for (let w = WEEKS - 1; w >= 0; w -= 1) {
      const monday = addWeeks(endWeek, -w);
      const label = weekLabel(monday);
      const page = (await must(
        api,
        'GET',
        `/api/cases?vendorId=${vendor.id}&week=${label}&limit=${REVIEWS_PER_WEEK}`,
      )) as {
        items: { caseId: number }[];
      };
      for (const [i, item] of page.items.entries()) {
        const reviewedAt = new Date(
          Math.min(Date.now() - 60_000, Date.parse(`${monday}T10:00:00Z`) + (i % 5) * DAY_MS),
        );
        const review = (await must(api, 'POST', '/api/quality/reviews', {
          caseId: item.caseId,
          formId: form.id,
          answers: answersFor(random, skill),
          feedback: 'Checked against the SOP for this queue.',
          reviewedAt: reviewedAt.toISOString(),
        })) as { review: { id: number; score: number | null } };
        reviews += 1;
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
        });
      }
    }
    disputes += await disputeSome(api, baseUrl, vendor, disputable.slice(0, 3), log);
  }
  await must(api, 'PUT', '/api/settings/quality', { disputeWindowDays });
  log(`quality: form "${DEMO_FORM.name}", ${reviews} reviews, ${disputes} disputes over ${WEEKS} weeks`);
}

/** A vendor user disputes the policy answer of low-scored reviews; the admin accepts the first, rejects the rest. */
async function disputeSome(
  admin: ApiClient,
  baseUrl: string,
  vendor: { id: number; name: string },
  reviewIds: number[],
  log: Log,
): Promise<number> {
  if (reviewIds.length === 0) return 0;
  const slug = vendor.name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  const created = (await admin.post('/api/users', {
    email: `qa.lead@${slug}.example`,
    name: `${vendor.name} QA lead`,
    role: 'vendor',
    vendorId: vendor.id,
  })) as { status: number; body: { initialPassword?: string } };
  if (created.status !== 201 || !created.body.initialPassword) {
    log(`quality: no vendor user for ${vendor.name} (${created.status}); disputes skipped`);
    return 0;
  }
  const vendorUser = new ApiClient(baseUrl);
  await vendorUser.signIn(`qa.lead@${slug}.example`, created.body.initialPassword);
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
