/**
 * The widgets' view of the API against the worker's own schemas. These are
 * type-level assertions: `tsc -p .` (the first step of `npm test`) fails when a
 * field the server sends or accepts is missing, renamed or typed differently
 * in widgets/src/api.ts; vitest only lists them.
 */
import type { z } from '@hono/zod-openapi';
import { describe, expectTypeOf, it } from 'vitest';
import type { ReviewSort } from '../../db/queries/reviews';
import type { ReportReason as ServerReportReason } from '../../db/schema';
import type { ErrorCode } from '../../worker/errors';
import type { LinkReviewSchema } from '../../worker/routes/links/review';
import type { ErrorSchema, ReplySchema, SummarySchema } from '../../worker/schemas/common';
import type { AnswerSchema, AnswerVoteSchema, NewAnswerSchema, NewQuestionSchema, QuestionSchema } from '../../worker/schemas/questions';
import type { CreatedReviewSchema, NewReviewSchema, PublicReviewSchema, ReportSchema, ReviewListSchema, VoteResultSchema, VoteSchema } from '../../worker/schemas/reviews';
import type * as api from '../../widgets/src/api';
import type { ActionMessages } from '../../widgets/src/locales/actions/en';
import type { Summary } from '../../widgets/src/summaries';

type Response<T extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

describe('widgets/src/api.ts against worker/schemas', () => {
  it('reads what the server sends', () => {
    expectTypeOf<Summary>().toEqualTypeOf<z.output<typeof SummarySchema>>();
    expectTypeOf<api.Review>().toEqualTypeOf<z.output<typeof PublicReviewSchema>>();
    expectTypeOf<api.Reply>().toEqualTypeOf<z.output<typeof ReplySchema>>();
    expectTypeOf<api.Question>().toEqualTypeOf<z.output<typeof QuestionSchema>>();
    expectTypeOf<api.Answer>().toEqualTypeOf<z.output<typeof AnswerSchema>>();
    expectTypeOf<Response<typeof api.reviews>>().toEqualTypeOf<z.output<typeof ReviewListSchema>>();
    expectTypeOf<Response<typeof api.vote>>().toEqualTypeOf<z.output<typeof VoteResultSchema>>();
    expectTypeOf<Response<typeof api.submitReview>>().toExtend<z.output<typeof CreatedReviewSchema>>();
    expectTypeOf<Response<typeof api.ask>>().toEqualTypeOf<z.output<typeof CreatedReviewSchema>>();
    expectTypeOf<Response<typeof api.voteAnswer>>().toEqualTypeOf<Pick<z.output<typeof AnswerSchema>, 'helpfulCount'>>();
  });

  it('sends what the server accepts', () => {
    expectTypeOf<api.NewReview>().toEqualTypeOf<z.input<typeof NewReviewSchema>>();
    expectTypeOf<api.LinkReview>().toEqualTypeOf<z.input<typeof LinkReviewSchema>>();
    expectTypeOf<api.VoteBody>().toEqualTypeOf<z.input<typeof VoteSchema>>();
    expectTypeOf<api.ReportBody>().toEqualTypeOf<z.input<typeof ReportSchema>>();
    expectTypeOf<api.NewQuestion>().toEqualTypeOf<z.input<typeof NewQuestionSchema>>();
    expectTypeOf<api.NewAnswer>().toEqualTypeOf<z.input<typeof NewAnswerSchema>>();
    expectTypeOf<api.AnswerVoteBody>().toEqualTypeOf<z.input<typeof AnswerVoteSchema>>();
    expectTypeOf<api.ReviewQuery['sort']>().toEqualTypeOf<ReviewSort>();
    // The dialog offers a few of the reasons; each must be one the server takes.
    expectTypeOf<api.ReportReason>().toExtend<ServerReportReason>();
  });

  it('knows every error code, and has a sentence for each one a shopper can meet', () => {
    expectTypeOf<api.ApiErrorBody['code']>().toEqualTypeOf<z.output<typeof ErrorSchema>['error']['code'] | 'NETWORK' | 'HTTP'>();
    // Only the merchant's API and the dashboard answer these; every other code has its sentence in locales/actions/.
    expectTypeOf<Exclude<ErrorCode, keyof ActionMessages>>().toEqualTypeOf<'UNAUTHORIZED' | 'INVALID_CURSOR' | 'LOGIN_FAILED' | 'CSRF_FAILED' | 'LAST_OWNER' | 'UNKNOWN_PLACEHOLDER'>();
  });
});
