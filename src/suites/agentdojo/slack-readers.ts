// Who may read each slack record (a channel's messages by its members, a direct message by its two ends, the channel and member lists by the whole workspace, a web page by everyone) and whom a message reaches.
import type { Delivery, ReadableRecord, ReadersDeclaration } from "../../policy/index.js";
import type { JsonValue } from "../../record/index.js";
import type { SlackEnvironment } from "./slack.js";

type Fields = Record<string, JsonValue>;

const messages = (result: JsonValue): Fields[] => (Array.isArray(result) ? result : []).filter((item): item is Fields => item !== null && typeof item === "object" && !Array.isArray(item));
const names = (result: JsonValue): string[] => (Array.isArray(result) ? result.filter((item): item is string => typeof item === "string") : []);
const argument = (args: JsonValue, key: string): string | undefined => {
  if (args === null || typeof args !== "object" || Array.isArray(args)) return undefined;
  const value = args[key];
  return typeof value === "string" ? value : undefined;
};

/** Members of a channel in the live workspace, as `get_users_in_channel` reports them. */
function membersOf(env: SlackEnvironment, channel: string): string[] {
  return Object.entries(env.slack.user_channels)
    .filter(([, channels]) => channels.includes(channel))
    .map(([user]) => user);
}

export function slackReaders(env: SlackEnvironment): ReadersDeclaration {
  return {
    recordsOf(toolName, args, result): ReadableRecord[] | undefined {
      switch (toolName) {
        // Every workspace member can list the channels and who is in them.
        case "get_channels":
        case "get_users_in_channel":
          return [{ readers: [...env.slack.users], parties: names(result), content: result }];
        case "read_channel_messages": {
          const readers = membersOf(env, argument(args, "channel") ?? "");
          return messages(result).map((message) => ({ readers, parties: typeof message.sender === "string" ? [message.sender] : [], content: message }));
        }
        case "read_inbox":
          return messages(result).map((message) => {
            const ends = [message.sender, message.recipient].filter((end): end is string => typeof end === "string");
            return { readers: ends, parties: ends, content: message };
          });
        case "get_webpage":
          return [{ readers: "everyone", content: result }];
        // Calls that change something answer with nothing to read.
        case "send_direct_message":
        case "send_channel_message":
        case "add_user_to_channel":
        case "invite_user_to_slack":
        case "remove_user_from_slack":
        case "post_webpage":
          return [];
        default:
          return undefined;
      }
    },
    deliveryOf(toolName, args): Delivery | undefined {
      if (toolName === "send_direct_message") {
        const recipient = argument(args, "recipient");
        return recipient === undefined ? undefined : { recipients: [{ path: "/recipient", principals: [recipient] }], content: ["/body"] };
      }
      if (toolName === "send_channel_message") {
        const channel = argument(args, "channel");
        return channel === undefined ? undefined : { recipients: [{ path: "/channel", principals: membersOf(env, channel) }], content: ["/body"] };
      }
      return undefined;
    },
  };
}
