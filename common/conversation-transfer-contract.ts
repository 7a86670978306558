// Conversations in and out: importing ChatGPT and Claude exports, exporting one conversation or
// all of them. Joined into the one operation list in contract.ts.
export const conversationTransferOperations = {} as const;

export const conversationTransferEvents = {} as const;
