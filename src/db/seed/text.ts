import { type Random, WeightedSampler } from './random.ts';
import {
  ACTION_SENTENCES,
  CLOSINGS,
  CONFIRMATION_SENTENCES,
  FIXED_STATES,
  GREETINGS,
  MESSAGE_SENTENCES,
  NEXT_STEP_SENTENCES,
  NOTE_SENTENCES,
  NOUNS,
  PROBLEM_SENTENCES,
  PROBLEMS,
  REPLY_SENTENCES,
  SUBJECT_FRAMES,
  VERBS,
  WHEN,
} from './vocabulary.ts';

// A frame is literal text and slots; compiled once so that filling one is plain concatenation.
const SLOTS = { n: 0, o: 1, v: 2, p: 3, f: 4, w: 5 } as const;
type Frame = readonly (string | number)[];

function compile(frames: readonly string[]): Frame[] {
  return frames.map((frame) =>
    frame
      .split(/(\{[a-z]\})/)
      .filter((part) => part.length > 0)
      .map((part) => (/^\{[a-z]\}$/.test(part) ? SLOTS[part[1] as keyof typeof SLOTS] : part)),
  );
}

const FRAMES = {
  subject: compile(SUBJECT_FRAMES),
  message: compile(MESSAGE_SENTENCES),
  reply: compile(REPLY_SENTENCES),
  note: compile(NOTE_SENTENCES),
  problem: compile(PROBLEM_SENTENCES),
  action: compile(ACTION_SENTENCES),
  confirmation: compile(CONFIRMATION_SENTENCES),
  nextSteps: compile(NEXT_STEP_SENTENCES),
};

// How much a ticket's text sticks to its own few nouns: it keeps a conversation on topic, and it makes a
// common word common across tickets rather than inside every one of them.
const TOPIC_STICKINESS = 0.95;
const OTHER_STICKINESS = 0.7;
const NOUN_EXPONENT = 0.85;

export interface ResolutionText {
  problem: string;
  actionTaken: string;
  confirmation: string;
  nextSteps: string | null;
}

/**
 * Subjects and bodies built from sentence frames. Each ticket has a topic (two or three nouns drawn from
 * the Zipf-ranked list); most slots reuse the topic, the rest draw any noun. Counts how many tickets
 * contain each noun, so the run can report which words are common and which are rare.
 */
export class TextGenerator {
  private readonly nouns = WeightedSampler.zipf(NOUNS.length, NOUN_EXPONENT);
  /** Per noun: the number of tickets whose text contains it. */
  readonly ticketsWithNoun = new Uint32Array(NOUNS.length);
  private readonly lastTicketOfNoun = new Float64Array(NOUNS.length).fill(-1);
  private currentTicket = 0;
  private topic: number[] = [];

  /** Starts a ticket: draws its topic nouns. */
  beginTicket(random: Random, ticketIndex: number): void {
    this.currentTicket = ticketIndex;
    const count = random.chance(0.5) ? 2 : 3;
    this.topic = [];
    for (let i = 0; i < count; i += 1) this.topic.push(this.nouns.sample(random));
  }

  subject(random: Random): string {
    const text = this.fill(random, random.pick(FRAMES.subject));
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** A requester's message: greeting, two to four sentences, closing and name. */
  message(random: Random, signature: string): string {
    return `${random.pick(GREETINGS)}\n\n${this.sentences(random, FRAMES.message, 2, 4)}\n\n${random.pick(CLOSINGS)}\n${signature}`;
  }

  /** An agent's reply to the requester. */
  reply(random: Random, signature: string): string {
    return `${random.pick(GREETINGS)}\n\n${this.sentences(random, FRAMES.reply, 1, 3)}\n\n${random.pick(CLOSINGS)}\n${signature}`;
  }

  /** An internal note: one or two short sentences. */
  note(random: Random): string {
    return this.sentences(random, FRAMES.note, 1, 2);
  }

  /** The narrative fields of a structured resolution. */
  resolution(random: Random): ResolutionText {
    return {
      problem: this.sentences(random, FRAMES.problem, 1, 2),
      actionTaken: this.sentences(random, FRAMES.action, 1, 2),
      confirmation: this.sentences(random, FRAMES.confirmation, 1, 1),
      nextSteps: random.chance(0.3) ? this.sentences(random, FRAMES.nextSteps, 1, 1) : null,
    };
  }

  private sentences(random: Random, frames: readonly Frame[], min: number, max: number): string {
    const count = random.between(min, max);
    let text = this.fill(random, random.pick(frames));
    for (let i = 1; i < count; i += 1) text += ` ${this.fill(random, random.pick(frames))}`;
    return text;
  }

  private fill(random: Random, frame: Frame): string {
    let text = '';
    for (const part of frame) {
      if (typeof part === 'string') text += part;
      else text += this.word(random, part);
    }
    return text;
  }

  private word(random: Random, slot: number): string {
    switch (slot) {
      case SLOTS.n:
        return this.noun(
          random.chance(TOPIC_STICKINESS) ? random.pick(this.topic) : this.nouns.sample(random),
        );
      case SLOTS.o:
        return this.noun(
          random.chance(OTHER_STICKINESS) ? random.pick(this.topic) : this.nouns.sample(random),
        );
      case SLOTS.v:
        return random.pick(VERBS);
      case SLOTS.p:
        return random.pick(PROBLEMS);
      case SLOTS.f:
        return random.pick(FIXED_STATES);
      default:
        return random.pick(WHEN);
    }
  }

  private noun(index: number): string {
    if (this.lastTicketOfNoun[index] !== this.currentTicket) {
      this.lastTicketOfNoun[index] = this.currentTicket;
      this.ticketsWithNoun[index] = (this.ticketsWithNoun[index] as number) + 1;
    }
    return NOUNS[index] as string;
  }
}
