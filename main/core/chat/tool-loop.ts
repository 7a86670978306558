// The agent loop of one answer: ask the model, run the tools it calls, hand their results back
// and ask again, until it answers without tools (or after MAX_TOOL_ROUNDS).
import type OpenAI from 'openai';
import { APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { TOOL_SPECS_TEXT } from '../tools/tool-definitions';
import type { ToolCall } from '../tools/tool-executor';
import type { AnswerDraft } from './answer-draft';
import type { ChatContext, Turn } from './chat-options';
import { fitToContext } from './context-window';
import { streamRound } from './stream-round';

/** Tool rounds in one answer before Aide stops asking the model (a loop guard). */
const MAX_TOOL_ROUNDS = 6;

export interface LoopStart {
  client: OpenAI;
  /** The whole conversation so far; each round's exchange is added to it. */
  history: ChatCompletionMessageParam[];
  turnKey: string;
}

export async function runToolLoop(
  context: ChatContext,
  turn: Turn,
  start: LoopStart,
  draft: AnswerDraft,
): Promise<void> {
  const { tools } = context;
  const { model, signal } = turn;
  const { history } = start;
  for (let round = 0; ; round++) {
    const offerTools = tools !== undefined && !context.toolsUnsupported.has(`${turn.baseUrl} ${model}`);
    // The whole history stays in `history`; each request sends what fits the model's window.
    const fitted = await fitToContext(history, {
      model,
      // The tool definitions count against the window too, counted (and cached) as the messages are.
      extraPromptTexts: offerTools ? [TOOL_SPECS_TEXT] : [],
    });
    if (round === 0) draft.contextOmitted = fitted.omitted;
    const { toolCalls, roundText } = await streamRound(
      context,
      turn,
      {
        client: start.client,
        history: fitted.messages,
        promptTokens: fitted.promptTokens,
        offerTools,
        feature: round === 0 ? turn.feature : 'tool_round',
      },
      { onText: paragraphWriter(draft), onUsage: (usage) => draft.addUsage(usage) },
    );
    if (toolCalls.length === 0 || !tools) return;
    if (round >= MAX_TOOL_ROUNDS) {
      draft.addText(`${draft.text === '' ? '' : '\n\n'}(I stopped after ${MAX_TOOL_ROUNDS} rounds of tool calls.)`);
      return;
    }
    history.push(toolCallMessage(roundText, toolCalls));
    const outcomes = await tools.execute(toolCalls, {
      turnKey: start.turnKey,
      confirm: (request) => context.confirm(turn.conversationId, request, signal),
    });
    outcomes.forEach((outcome, i) => {
      draft.addCard(outcome.card);
      history.push({ role: 'tool', tool_call_id: toolCalls[i]!.id, content: outcome.content });
    });
    if (signal.aborted) throw new APIUserAbortError();
  }
}

/** Each round's text starts a new paragraph of the answer, once it has any text. */
function paragraphWriter(draft: AnswerDraft): (delta: string) => void {
  const separator = draft.text === '' ? '' : '\n\n';
  let started = false;
  return (delta) => {
    if (!started && delta !== '') {
      started = true;
      draft.addText(separator);
    }
    draft.addText(delta);
  };
}

function toolCallMessage(roundText: string, toolCalls: ToolCall[]): ChatCompletionMessageParam {
  return {
    role: 'assistant',
    content: roundText === '' ? null : roundText,
    tool_calls: toolCalls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    })),
  };
}
