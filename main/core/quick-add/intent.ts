// What a phrase asks for: the command words (reminder or appointment), requests and questions
// that belong to the model, and the title left once commands and time expressions are gone.

export type Intent = 'reminder' | 'appointment';

interface Command {
  intent: Intent;
  /** Matches the command words at the start; `title` (group 1, optional) replaces what follows when present. */
  pattern: RegExp;
}

const COMMANDS: Command[] = [
  {
    intent: 'reminder',
    pattern:
      /^(?:set|create|add|make)\s+(?:me\s+)?(?:a\s+|an\s+)?(?:new\s+)?reminder\b(?:\s+(?:to|for|about|that))?[:,]?/i,
  },
  { intent: 'reminder', pattern: /^remind\s+me\b(?:\s+(?:to|about|of|that)\b)?[:,]?/i },
  { intent: 'reminder', pattern: /^(?:reminder|todo|to-do)\b(?:\s*[:-]|\s+to\b)?/i },
  { intent: 'reminder', pattern: /^(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget\b(?:\s+(?:to|about)\b)?[:,]?/i },
  { intent: 'reminder', pattern: /^remember\s+to\b/i },
  { intent: 'appointment', pattern: /^add\s+(.+?)\s+to\s+(?:my\s+|the\s+)?calendar\b/i },
  {
    intent: 'appointment',
    pattern: /^(?:add|create|make|set)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:appointment|event)\b(?:\s+(?:for|to))?[:,]?/i,
  },
  { intent: 'appointment', pattern: /^(?:add|create|make|set)\s+(?:a\s+|an\s+)?(?:new\s+)?(?=meeting\b)/i },
  { intent: 'appointment', pattern: /^(?:schedule|book|set\s+up)\b(?:\s+(?:me\s+)?(?:a|an)\b)?[:,]?/i },
  // The noun is the title here: "meeting with Anna" stays "meeting with Anna".
  { intent: 'appointment', pattern: /^(?=(?:meeting|appointment)\b)/i },
];

/** "remind me what the capital of France is": a question in a reminder's clothes. */
const REMIND_QUESTION = /^remind\s+me\s+(?:what|who|whom|whose|where|how|why|whether|if|which|when)\b/i;

/** Openings of questions, other requests, greetings and first-person statements: the model's job. */
const NOT_A_COMMAND = new RegExp(
  '^(?:' +
    [
      "what(?:'s|s)?",
      "when(?:'s)?",
      "where(?:'s)?",
      "who(?:'s)?",
      'whom|whose|why|how|which|whether',
      'is|are|am|was|were|do|does|did|can|could|would|should|will|shall|have|has|had|may|might|must',
      'tell|show|list|find|search|look|google|translate|calculate|compute|convert|define|explain|summari[sz]e',
      'write|draft|give|open|play|cancel|delete|remove|clear|snooze|mark|complete|undo|move|reschedule|postpone|change|update|rename|edit',
      'hi|hello|hey|thanks|thank|good\\s+(?:morning|afternoon|evening|night)',
      "i|i'm|im|i've|i'd|i'll|we|we're|my|our|it|it's|its|that|this|there|they|you|your",
    ].join('|') +
    ')\\b',
  'i',
);

/** Leading politeness that does not change what is asked. */
const POLITE =
  /^(?:(?:hey|hi|ok|okay)\s+)?(?:aide\b[,:]?\s*)?(?:(?:please|pls|can\s+you|could\s+you|would\s+you|will\s+you|kindly)\s+)*/i;

export function stripPoliteness(text: string): string {
  return text.replace(POLITE, '');
}

export function isRemindQuestion(text: string): boolean {
  return REMIND_QUESTION.test(text.trim());
}

export function isNotACommand(text: string): boolean {
  return NOT_A_COMMAND.test(text.trim());
}

/** The command at the start of `remainder` (the phrase without its time expressions) and the title text after it. */
export function readCommand(remainder: string): { intent: Intent | null; rest: string } {
  const text = remainder.trim();
  for (const { intent, pattern } of COMMANDS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const rest = match[1] !== undefined ? match[1] : text.slice(match[0].length);
    return { intent, rest };
  }
  return { intent: null, rest: text };
}

const LEADING_FILLER = /^(?:(?:to|about|that|of|me|and|then)\b|[,:;–—-])\s*/i;
const TRAILING_FILLER =
  /\s*(?:\b(?:at|on|by|for|from|or|to|and|the|this|next|every|each|starting|until|around|between)|[,:;–—-])$/i;

/** Tidies what is left into a title: no dangling "to", "at", commas or quotes. */
export function cleanTitle(rest: string): string {
  let title = rest.replace(/\s+/g, ' ').trim();
  for (let before = ''; before !== title;) {
    before = title;
    title = title
      .replace(LEADING_FILLER, '')
      .replace(TRAILING_FILLER, '')
      .replace(/[\s,;:.!]+$/, '')
      .trim();
    title = title.replace(/\s+([,;:.!])/g, '$1');
  }
  const quoted = /^["'“‘](.*)["'”’]$/.exec(title);
  return quoted?.[1]?.trim() ?? title;
}
