/** The median read from reply-time buckets: exact to its bucket, interpolated within it. */
import { describe, expect, it } from 'vitest';
import { bucketMedian } from '../../../worker/domain/insights';

const bounds = [10, 20, 40];

describe('bucketMedian', () => {
  it('is null without values', () => {
    expect(bucketMedian([0, 0, 0, 0], bounds)).toBeNull();
  });

  it('lies in the bucket that holds the middle value, placed linearly inside it', () => {
    // 4 values: 1 in (0,10], 2 in (10,20], 1 in (20,40]; the middle (2nd of 4) is halfway into the second bucket.
    expect(bucketMedian([1, 2, 1, 0], bounds)).toBe(15);
    expect(bucketMedian([0, 0, 3, 0], bounds)).toBe(30);
  });

  it('answers the lower bound of the open last bucket', () => {
    expect(bucketMedian([0, 0, 0, 5], bounds)).toBe(40);
  });
});
