import { z } from 'zod';
import {
  calendarYearResponse,
  calendarYearSchema,
  deadlineQuery,
  deadlineResponse,
  holidayInput,
  holidayResponse,
  holidayUpdateInput,
} from '@shared/calendar/calendar.schemas.ts';
import { noContent } from '@shared/contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import {
  computeDeadline,
  createHoliday,
  deleteHoliday,
  getCalendarYear,
  loadBuiltinYear,
  updateHoliday,
} from './calendar.service.ts';

const yearParams = z.object({ year: calendarYearSchema });
const holidayIdParams = z.object({ id: z.uuid('Mã ngày nghỉ không hợp lệ') });

/** The working-day calendar: national, read by everyone signed in, edited by administrators. */
export const calendarRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/calendar/deadline',
    access: { permission: 'periods.read' },
    summary: 'Tính hạn: N ngày làm việc kể từ một ngày (bỏ qua cuối tuần và ngày nghỉ lễ)',
    schemas: { query: deadlineQuery },
    response: deadlineResponse,
    handler: ({ query }, ctx) => computeDeadline(ctx.app.db, query.from, query.workingDays),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/calendar/:year',
    access: { permission: 'periods.read' },
    summary: 'Lịch ngày nghỉ lễ và ngày làm bù của một năm',
    schemas: { params: yearParams },
    response: calendarYearResponse,
    handler: ({ params }, ctx) => getCalendarYear(ctx, params.year),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/calendar/:year/builtin',
    access: { permission: 'calendar.manage' },
    summary: 'Nạp ngày nghỉ năm X từ bảng dựng sẵn (giữ nguyên các ngày đã có)',
    schemas: { params: yearParams },
    response: calendarYearResponse,
    handler: ({ params }, ctx) => loadBuiltinYear(ctx, params.year),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/calendar/holidays',
    access: { permission: 'calendar.manage' },
    summary: 'Thêm một ngày nghỉ lễ hoặc ngày làm bù',
    schemas: { body: holidayInput },
    response: holidayResponse,
    async handler({ body }, ctx, http) {
      http.reply.status(201);
      return createHoliday(ctx, body);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/calendar/holidays/:id',
    access: { permission: 'calendar.manage' },
    summary: 'Sửa một ngày trong lịch',
    schemas: { params: holidayIdParams, body: holidayUpdateInput },
    response: holidayResponse,
    handler: ({ params, body }, ctx) => updateHoliday(ctx, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/calendar/holidays/:id',
    access: { permission: 'calendar.manage' },
    summary: 'Xoá một ngày khỏi lịch',
    schemas: { params: holidayIdParams },
    response: noContent,
    handler: ({ params }, ctx) => deleteHoliday(ctx, params.id),
  }),
];
