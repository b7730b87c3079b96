import { z } from '@hono/zod-openapi';
import { notificationModes } from '../../db/schema';

export const NotificationPrefsSchema = z
  .strictObject({
    notify: z.enum(notificationModes, { error: `notify must be one of ${notificationModes.join(', ')}` }).openapi({
      description: '`each`: an email per new review or question; `digest`: one a day; `off`: none',
    }),
    lowRatingsAtOnce: z.boolean({ error: 'lowRatingsAtOnce must be true or false' }).openapi({
      description: 'Email 1–2 star reviews at once even in `digest` or `off` mode, to answer quickly. Publication never depends on the rating.',
    }),
  })
  .openapi('NotificationPrefs');
