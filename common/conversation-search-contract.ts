// Searching all conversations: the operations behind the `Search conversations` box. Joined into
// the one operation list in contract.ts.
export const conversationSearchOperations = {} as const;
