/**
 * Business-hours calendars: GET /api/calendars (read: vendor users read only the calendars their own
 * terms name), POST/PUT/DELETE (ops). Hours are 'HH:MM' local times; an end at or before the start ends the
 * next day (overnight shift); 00:00–24:00 every day is 24/7. Holidays are importable as a list of dates.
 * Changing a calendar recomputes the vendors whose terms use it, from the first week they use it.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import {
  calendarUsers,
  deleteCalendar,
  findCalendar,
  listCalendars,
  saveCalendar,
  type StoredCalendar,
} from '@scorecard/db/terms/calendars';
import { affectedVendorWeeks } from '@scorecard/db/terms/terms';
import { describeCalendar } from '@scorecard/domain/calendars/business-time';
import { enqueue } from '@scorecard/jobs';
import Type, { type Static } from 'typebox';
import { DAY_PATTERN, Day as SharedDay } from '../http/schemas.ts';
import { isTimeZone } from '@scorecard/domain/time-zones';
import { Problem } from '../http/problems.ts';

const Problems = { $ref: 'ProblemDocument#' } as const;
const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems, 409: Problems, 503: Problems };
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' });
const Day = SharedDay();
const SUPPORTED_DAY = new RegExp(DAY_PATTERN);
const Hours = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), start: Time, end: Time },
  { additionalProperties: false },
);
const CalendarInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    hours: Type.Array(Hours, { maxItems: 100 }),
    holidays: Type.Optional(Type.Array(Day, { maxItems: 5000 })),
    /** One date per line ('YYYY-MM-DD', anything after it ignored): a holiday list pasted or read from a file. */
    holidayList: Type.Optional(Type.String({ maxLength: 200_000 })),
  },
  { additionalProperties: false },
);
const Calendar = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  timeZone: Type.String(),
  hours: Type.Array(Hours),
  holidays: Type.Array(Type.String()),
  description: Type.String(),
  updatedAt: Type.String(),
});
const Recompute = Type.Union([Type.Object({ jobId: Type.String(), vendorWeeks: Type.Integer() }), Type.Null()]);

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const toApi = (c: StoredCalendar) => ({
  id: c.id,
  name: c.name,
  timeZone: c.timeZone,
  hours: c.hours.map((h) => ({ weekday: h.weekday, start: hhmm(h.startMinute), end: hhmm(h.endMinute) })),
  holidays: [...c.holidays],
  description: describeCalendar(c),
  updatedAt: c.updatedAt,
});

function parseInput(body: Static<typeof CalendarInput>) {
  if (!isTimeZone(body.timeZone)) throw new Problem('bad-request', `${body.timeZone} is not an IANA time zone`);
  const hours = body.hours.map((h) => {
    if (h.start === '24:00') throw new Problem('bad-request', 'A shift cannot start at 24:00');
    return { weekday: h.weekday, startMinute: minutes(h.start), endMinute: h.end === '00:00' ? 1440 : minutes(h.end) };
  });
  const listed = (body.holidayList ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const fromList = listed.map((line, i) => {
    const day = /^(\d{4}-\d{2}-\d{2})\b/.exec(line)?.[1];
    if (!day)
      throw new Problem(
        'bad-request',
        `Holiday list line ${i + 1} does not start with a date (YYYY-MM-DD): ${line.slice(0, 40)}`,
      );
    return day;
  });
  const holidays = [...(body.holidays ?? []), ...fromList];
  for (const day of holidays) {
    if (
      !SUPPORTED_DAY.test(day) ||
      Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ||
      new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
    ) {
      throw new Problem('bad-request', `${day} is not a date in the supported years`);
    }
  }
  return { name: body.name, timeZone: body.timeZone, hours, holidays };
}

const calendarsRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  const recomputeUsers = async (calendarId: number) => {
    const vendorWeeks = (
      await Promise.all(
        (await calendarUsers(app.db, calendarId)).map((u) => affectedVendorWeeks(app.db, u.vendorId, u.fromWeek)),
      )
    ).flat();
    if (vendorWeeks.length === 0) return null;
    const job = await enqueue(app.queues, 'recompute', {
      scope: { kind: 'vendor-weeks', vendorWeeks },
      reason: `calendar ${calendarId} changed`,
    }).catch(() => {
      throw new Problem('unavailable', 'The job queue is unavailable; the calendar is saved, recompute later.');
    });
    return { jobId: String(job.id), vendorWeeks: vendorWeeks.length };
  };
  const save = async (body: Static<typeof CalendarInput>, id?: number) => {
    const input = parseInput(body);
    try {
      return await app.db.transaction().execute((trx) => saveCalendar(trx, input, id));
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new Problem('conflict', `A calendar named ${body.name} exists`);
      throw error;
    }
  };

  app.get(
    '/api/calendars',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listCalendars',
        tags: ['terms'],
        response: { 200: Type.Object({ items: Type.Array(Calendar) }), ...problems },
      },
    },
    async (request) => {
      const usedBy = request.scope.kind === 'vendor' ? request.scope.vendorId : undefined;
      return { items: (await listCalendars(app.db, usedBy)).map(toApi) };
    },
  );

  app.post(
    '/api/calendars',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'createCalendar',
        tags: ['terms'],
        body: CalendarInput,
        response: { 201: Calendar, ...problems },
      },
    },
    async (request, reply) => {
      const id = await save(request.body);
      return reply.code(201).send(toApi((await findCalendar(app.db, id))!));
    },
  );

  app.put(
    '/api/calendars/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'updateCalendar',
        tags: ['terms'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: CalendarInput,
        response: { 200: Type.Object({ calendar: Calendar, recompute: Recompute }), ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findCalendar(app.db, id))) throw new Problem('not-found', `No calendar ${id}`);
      await save(request.body, id);
      return { calendar: toApi((await findCalendar(app.db, id))!), recompute: await recomputeUsers(id) };
    },
  );

  app.delete(
    '/api/calendars/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'deleteCalendar',
        tags: ['terms'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      if ((await calendarUsers(app.db, request.params.id)).length > 0)
        throw new Problem('conflict', 'Contract terms use this calendar');
      if (!(await deleteCalendar(app.db, request.params.id)))
        throw new Problem('not-found', `No calendar ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );
  done();
};

export default calendarsRoutes;
