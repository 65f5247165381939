// BFCL's MessageAPI: workspace users, login, an inbox of {receiver: message} dicts and seeded message ids.
import { PyException, attributeError } from "../../../../python/runtime/exceptions.js";
import { pyAdd, pyContains, pyIterate, pyLen } from "../../../../python/runtime/operators.js";
import { PythonRandom } from "../../../../python/runtime/random.js";
import { pyStr } from "../../../../python/py-repr.js";
import { requireStr } from "../../../../python/runtime/str-methods.js";
import { PyDict, PySet, deepCopy, pyEquals, pyTruthy, pyTypeName, type PyValue } from "../../../../python/py-value.js";
import { SimulatedApi, required, type ApiMethod } from "./simulated-api.js";

function defaultState(): Record<string, PyValue> {
  return {
    generated_ids: new PySet(),
    user_count: 4n,
    user_map: PyDict.fromRecord({ Alice: "USR001", Bob: "USR002", Catherine: "USR003", Daniel: "USR004" }),
    inbox: [
      PyDict.fromRecord({ USR002: "My name is Alice. I want to connect." }),
      PyDict.fromRecord({ USR003: "Could you upload the file?" }),
      PyDict.fromRecord({ USR004: "Could you upload the file?" }),
    ],
    message_count: 3n,
    current_user: null,
  };
}

/** `list(message.items())[0]`: the receiver and content of one inbox entry. */
function firstItem(message: PyValue): [PyValue, PyValue] {
  if (!(message instanceof PyDict)) throw attributeError(pyTypeName(message), "items");
  const items = message.items();
  if (items.length === 0) throw new PyException("IndexError", "list index out of range");
  return items[0] as [PyValue, PyValue];
}

/** `str.zfill(width)`. */
function zfill(text: string, width: number): string {
  if (text.length >= width) return text;
  const sign = text.startsWith("-") || text.startsWith("+") ? (text[0] as string) : "";
  return sign + "0".repeat(width - text.length) + text.slice(sign.length);
}

export class MessageAPI extends SimulatedApi {
  readonly pyTypeName = "MessageAPI";
  private random = new PythonRandom(200191n);
  generatedIds: PyValue = new PySet();
  userCount: PyValue = 4n;
  userMap: PyValue = new PyDict();
  inbox: PyValue = [];
  messageCount: PyValue = 3n;
  currentUser: PyValue = null;

  loadScenario(scenario: PyDict): void {
    const defaults = defaultState();
    const pick = (key: string): PyValue => (scenario.has(key) ? (scenario.get(key) as PyValue) : deepCopy(defaults[key] as PyValue));
    this.random = new PythonRandom(scenario.has("random_seed") ? (scenario.get("random_seed") as bigint) : 200191n);
    this.generatedIds = pick("generated_ids");
    this.userCount = pick("user_count");
    this.userMap = pick("user_map");
    this.inbox = pick("inbox");
    this.messageCount = pick("message_count");
    this.currentUser = pick("current_user");
  }

  publicState(): [string, PyValue][] {
    return [
      ["generated_ids", this.generatedIds],
      ["user_count", this.userCount],
      ["user_map", this.userMap],
      ["inbox", this.inbox],
      ["message_count", this.messageCount],
      ["current_user", this.currentUser],
    ];
  }

  private userMapDict(): PyDict {
    if (!(this.userMap instanceof PyDict)) throw attributeError(pyTypeName(this.userMap), "values");
    return this.userMap;
  }

  private generateId(): PyDict {
    let newId = this.random.randint(10000n, 99999n);
    while (pyContains(this.generatedIds, newId)) newId = this.random.randint(10000n, 99999n);
    if (!(this.generatedIds instanceof PySet)) throw attributeError(pyTypeName(this.generatedIds), "add");
    this.generatedIds.add(newId);
    return PyDict.fromRecord({ new_id: newId });
  }

  private inboxList(): PyValue[] {
    if (!Array.isArray(this.inbox)) throw attributeError(pyTypeName(this.inbox), "append");
    return this.inbox;
  }

  private notLoggedIn(): PyDict | undefined {
    return pyTruthy(this.currentUser) ? undefined : PyDict.fromRecord({ error: "No user is currently logged in." });
  }

  listUsers(): PyValue {
    return PyDict.fromRecord({ user_list: this.userMapDict().keys() });
  }

  getUserId(user: PyValue): PyValue {
    if (!pyContains(this.userMap, user)) return PyDict.fromRecord({ error: `User '${pyStr(user)}' not found in the workspace.` });
    return PyDict.fromRecord({ user_id: this.userMapDict().get(user) as PyValue });
  }

  messageLogin(userId: PyValue): PyValue {
    if (!pyContains(this.userMapDict().values(), userId)) {
      return PyDict.fromRecord({ login_status: false, message: `User ID '${pyStr(userId)}' not found.` });
    }
    this.currentUser = userId;
    return PyDict.fromRecord({ login_status: true, message: `User '${pyStr(userId)}' logged in successfully.` });
  }

  messageGetLoginStatus(): PyValue {
    return PyDict.fromRecord({ login_status: pyTruthy(this.currentUser) });
  }

  sendMessage(receiverId: PyValue, message: PyValue): PyValue {
    const refusal = this.notLoggedIn();
    if (refusal) return refusal;
    if (!pyContains(this.userMapDict().values(), receiverId)) {
      return PyDict.fromRecord({ error: `Receiver ID '${pyStr(receiverId)}' not found.` });
    }
    const messageId = this.generateId();
    this.inboxList().push(PyDict.of([[receiverId, message]]));
    this.messageCount = pyAdd(this.messageCount, 1n, "+=");
    return PyDict.fromRecord({ sent_status: true, message_id: messageId, message: `Message sent to '${pyStr(receiverId)}' successfully.` });
  }

  deleteMessage(receiverId: PyValue): PyValue {
    const refusal = this.notLoggedIn();
    if (refusal) return refusal;
    const inbox = pyIterate(this.inbox);
    for (const message of inbox.reverse()) {
      const [receiver] = firstItem(message);
      if (pyEquals(receiver, receiverId)) {
        // list.remove drops the first entry equal to this one, which need not be the one found from the end.
        const list = this.inboxList();
        const index = list.findIndex((entry) => entry === message || pyEquals(entry, message));
        list.splice(index, 1);
        return PyDict.fromRecord({
          deleted_status: true,
          receiver_id: receiver,
          message: `Receiver ${pyStr(receiverId)}'s latest message deleted successfully.`,
        });
      }
    }
    return PyDict.fromRecord({ error: `Receiver ID ${pyStr(receiverId)} not found.` });
  }

  viewMessagesSent(): PyValue {
    const refusal = this.notLoggedIn();
    if (refusal) return refusal;
    const sent = new PyDict();
    for (const message of pyIterate(this.inbox)) {
      const [receiver, content] = firstItem(message);
      if (!pyContains(sent, receiver)) sent.set(receiver, [content]);
      else (sent.get(receiver) as PyValue[]).push(content);
    }
    return PyDict.fromRecord({ messages: sent });
  }

  addContact(userName: PyValue): PyValue {
    if (pyContains(this.userMap, userName)) return PyDict.fromRecord({ error: `User name '${pyStr(userName)}' already exists.` });
    this.userCount = pyAdd(this.userCount, 1n, "+=");
    const userId = `USR${zfill(pyStr(this.userCount), 3)}`;
    if (pyContains(this.userMapDict().values(), userId)) return PyDict.fromRecord({ error: `User ID '${userId}' already exists.` });
    this.userMapDict().set(userName, userId);
    return PyDict.fromRecord({ added_status: true, user_id: userId, message: `Contact '${pyStr(userName)}' added successfully.` });
  }

  searchMessages(keyword: PyValue): PyValue {
    const refusal = this.notLoggedIn();
    if (refusal) return refusal;
    const keywordLower = requireStr(keyword, "lower").toLowerCase();
    const results: PyValue[] = [];
    for (const message of pyIterate(this.inbox)) {
      const [receiverId, content] = firstItem(message);
      if (requireStr(content, "lower").toLowerCase().includes(keywordLower)) {
        results.push(PyDict.fromRecord({ receiver_id: receiverId, message: content }));
      }
    }
    return PyDict.fromRecord({ results });
  }

  getMessageStats(): PyValue {
    const refusal = this.notLoggedIn();
    if (refusal) return refusal;
    let received = 0n;
    const contacts = new PySet();
    for (const message of pyIterate(this.inbox)) {
      const [receiverId] = firstItem(message);
      received += 1n;
      contacts.add(receiverId);
    }
    return PyDict.fromRecord({ stats: PyDict.fromRecord({ received_count: received, total_contacts: BigInt(pyLen(contacts)) }) });
  }

  protected defineMethods(): Record<string, ApiMethod<MessageAPI>> {
    const method = (parameters: ApiMethod<MessageAPI>["parameters"], invoke: ApiMethod<MessageAPI>["invoke"]): ApiMethod<MessageAPI> => ({ parameters, invoke });
    return {
      list_users: method([], (self) => self.listUsers()),
      get_user_id: method([required("user")], (self, [user]) => self.getUserId(user as PyValue)),
      message_login: method([required("user_id")], (self, [id]) => self.messageLogin(id as PyValue)),
      message_get_login_status: method([], (self) => self.messageGetLoginStatus()),
      send_message: method([required("receiver_id"), required("message")], (self, [id, text]) => self.sendMessage(id as PyValue, text as PyValue)),
      delete_message: method([required("receiver_id")], (self, [id]) => self.deleteMessage(id as PyValue)),
      view_messages_sent: method([], (self) => self.viewMessagesSent()),
      add_contact: method([required("user_name")], (self, [name]) => self.addContact(name as PyValue)),
      search_messages: method([required("keyword")], (self, [keyword]) => self.searchMessages(keyword as PyValue)),
      get_message_stats: method([], (self) => self.getMessageStats()),
    };
  }
}

