package io.github.selectcolor.hdfssink.dedup;

import java.time.Clock;
import java.time.Duration;

/**
 * The event ids one claim of a partition has landed recently, oldest first: those of the committed
 * files it was rebuilt from and those written since. Bounded by count (the oldest id goes when a
 * new one would exceed it) and by time: an id whose time is more than the window before the newest
 * time held goes once it is the oldest. A time is held as no later than the sink's clock plus a
 * tolerance for the collector's clock running ahead, so that one record another producer stamped
 * far in the future neither moves the window's end past every id held (evicting them all) nor
 * stays held for ever. The ids sit in a ring of parallel {@code long} arrays (two
 * for the UUID, one for the time) with an open-addressing index of ring positions beside it, about
 * 32 to 40 bytes per id, grown by doubling up to the count bound so that a quiet partition costs little.
 * Not thread-safe: it belongs to one partition writer.
 */
public final class EventIdWindow {

  /** The most ids a window can hold; its index must fit in an array. */
  public static final int MAX_IDS = 100_000_000;
  private static final int INITIAL_CAPACITY = 1024;
  /**
   * How far ahead of the sink's clock a time is believed: the collector that stamps
   * {@code receivedAt} runs on another machine, whose clock may be ahead of the sink's by as much
   * as an unsynchronised clock drifts. A later time moves the window's end only this far, which
   * evicts at most this much of its oldest ids; a quarter of a shorter window keeps the rest.
   */
  static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

  private final int maxIds;
  private final long windowMillis;
  private final long skewMillis;
  private final Clock clock;
  private long[] highs;
  private long[] lows;
  private long[] times;
  /** Ring position + 1 of each id, 0 for a free slot; at most half full. */
  private int[] index;
  private int mask;
  private int head;
  private int size;
  private long newest = Long.MIN_VALUE;
  /** No later than the sink's clock plus the skew, read again only when a time passes it. */
  private long latestBelievable = Long.MIN_VALUE;

  /**
   * @param maxIds how many ids at most; 0 holds none, which turns de-duplication off
   * @param window how far before the newest time an id is still held
   * @param clock  the sink's clock, which bounds the times held
   */
  public EventIdWindow(int maxIds, Duration window, Clock clock) {
    if (maxIds < 0 || maxIds > MAX_IDS || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("A window holds 0 to " + MAX_IDS + " ids over a positive time, not "
          + maxIds + " ids over " + window + ".");
    }
    this.maxIds = maxIds;
    this.windowMillis = window.toMillis();
    this.skewMillis = Math.min(MAX_CLOCK_SKEW.toMillis(), windowMillis / 4);
    this.clock = clock;
    allocate(Math.min(maxIds, INITIAL_CAPACITY));
  }

  public boolean contains(long high, long low) {
    if (size == 0) {
      return false;
    }
    for (int slot = slotOf(high, low); ; slot = (slot + 1) & mask) {
      int entry = index[slot];
      if (entry == 0) {
        return false;
      }
      if (highs[entry - 1] == high && lows[entry - 1] == low) {
        return true;
      }
    }
  }

  /**
   * Holds an id landed now, after evicting what the time and count bounds exclude. The caller has
   * checked that the id is not held.
   */
  public void add(long high, long low, long time) {
    if (maxIds == 0) {
      return;
    }
    long timeMillis = believable(time);
    newest = Math.max(newest, timeMillis);
    long cutoff = cutoff();
    while (size > 0 && times[head] < cutoff) {
      removeOldest();
    }
    if (size == maxIds) {
      removeOldest();
    } else if (size == highs.length) {
      grow();
    }
    int position = head + size < highs.length ? head + size : head + size - highs.length;
    put(position, high, low, timeMillis);
  }

  /**
   * Holds an id landed before every id held, as when rebuilding the window from committed files
   * newest first. An id already held or outside the time bound is passed over.
   *
   * @return false when the window is full, so that no older id can be held
   */
  public boolean addOlder(long high, long low, long time) {
    if (size == maxIds) {
      return false;
    }
    long timeMillis = believable(time);
    newest = Math.max(newest, timeMillis);
    if (timeMillis < cutoff() || contains(high, low)) {
      return true;
    }
    if (size == highs.length) {
      grow();
    }
    head = head == 0 ? highs.length - 1 : head - 1;
    put(head, high, low, timeMillis);
    return true;
  }

  /** True when a time is before the window, which ends at the newest time seen. */
  public boolean isBeforeWindow(long timeMillis) {
    return timeMillis < cutoff();
  }

  /**
   * True when a time is more than the window before another, taken as the window takes times (at
   * most the sink's clock plus the skew), as if that other time were the newest held.
   */
  public boolean isWindowBefore(long timeMillis, long laterMillis) {
    if (laterMillis == Long.MIN_VALUE) {
      return false;
    }
    long end = believable(laterMillis);
    return end >= Long.MIN_VALUE + windowMillis && timeMillis < end - windowMillis;
  }

  public boolean isFull() {
    return size == maxIds;
  }

  public int size() {
    return size;
  }

  /** The newest time held, {@code Long.MIN_VALUE} before any. */
  public long newestMillis() {
    return newest;
  }

  /**
   * The time, or the sink's clock plus the skew if that is earlier. Costs one comparison, as the
   * clock is read only when a time passes the bound last read.
   */
  private long believable(long timeMillis) {
    if (timeMillis <= latestBelievable) {
      return timeMillis;
    }
    latestBelievable = clock.millis() + skewMillis;
    return Math.min(timeMillis, latestBelievable);
  }

  private long cutoff() {
    return newest < Long.MIN_VALUE + windowMillis ? Long.MIN_VALUE : newest - windowMillis;
  }

  private void put(int position, long high, long low, long timeMillis) {
    highs[position] = high;
    lows[position] = low;
    times[position] = timeMillis;
    size++;
    index(position);
  }

  private void index(int position) {
    int slot = slotOf(highs[position], lows[position]);
    while (index[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    index[slot] = position + 1;
  }

  private void removeOldest() {
    int slot = slotOf(highs[head], lows[head]);
    while (index[slot] != head + 1) {
      slot = (slot + 1) & mask;
    }
    unindex(slot);
    head = head + 1 == highs.length ? 0 : head + 1;
    size--;
  }

  /** Frees a slot by shifting later entries of its probe run back (no tombstones). */
  private void unindex(int hole) {
    for (int slot = (hole + 1) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
      int position = index[slot] - 1;
      int home = slotOf(highs[position], lows[position]);
      if (((slot - home) & mask) >= ((slot - hole) & mask)) {
        index[hole] = index[slot];
        hole = slot;
      }
    }
    index[hole] = 0;
  }

  private void grow() {
    long[] oldHighs = highs;
    long[] oldLows = lows;
    long[] oldTimes = times;
    int oldHead = head;
    int count = size;
    allocate((int) Math.min(maxIds, 2L * oldHighs.length));
    for (int taken = 0; taken < count; taken++) {
      int from = (oldHead + taken) % oldHighs.length;
      put(taken, oldHighs[from], oldLows[from], oldTimes[from]);
    }
  }

  private void allocate(int capacity) {
    highs = new long[capacity];
    lows = new long[capacity];
    times = new long[capacity];
    int slots = Integer.highestOneBit(Math.max(1, capacity - 1)) << 2;
    index = new int[slots];
    mask = slots - 1;
    head = 0;
    size = 0;
  }

  /** Murmur3's 64-bit finalizer: browsers' UUIDs are random, but other producers' may not be. */
  private int slotOf(long high, long low) {
    long hash = high * 0x9E3779B97F4A7C15L ^ low;
    hash ^= hash >>> 33;
    hash *= 0xFF51AFD7ED558CCDL;
    hash ^= hash >>> 33;
    hash *= 0xC4CEB93FE53B881AL;
    hash ^= hash >>> 33;
    return (int) hash & mask;
  }
}
