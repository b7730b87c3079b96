/** An email transport for tests: records what it "sends"; can be told to fail the next N sends. */
import type { OutboxMessage } from '../../db/schema';
import type { EmailTransport } from '../../worker/email/transport';

export class RecordingTransport implements EmailTransport {
  readonly name = 'recording';
  sent: OutboxMessage[] = [];
  failNext = 0;
  async send(m: OutboxMessage) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('provider is down');
    }
    this.sent.push(m);
  }
}
