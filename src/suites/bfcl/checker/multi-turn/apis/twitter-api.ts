// BFCL's TwitterAPI (posting_api): tweets keyed by int id, retweets, comments, mentions and following, after authentication.
import { attributeError } from "../../../../python/runtime/exceptions.js";
import { pyAdd, pyContains, pyGetItem, pyInt, pyIterate, pyLen } from "../../../../python/runtime/operators.js";
import { pyRepr, pyStr } from "../../../../python/py-repr.js";
import { requireStr } from "../../../../python/runtime/str-methods.js";
import { PyDict, deepCopy, pyEquals, pyTruthy, pyTypeName, type PyValue } from "../../../../python/py-value.js";
import type { ReferenceRuntime } from "../reference-runtime.js";
import { SimulatedApi, optional, required, type ApiMethod } from "./simulated-api.js";

function defaultState(): Record<string, PyValue> {
  return {
    username: "john",
    password: "john123",
    authenticated: false,
    tweets: new PyDict(),
    comments: new PyDict(),
    retweets: new PyDict(),
    following_list: ["alice", "bob"],
    tweet_counter: 0n,
  };
}

const item = (container: PyValue, key: PyValue): PyValue => pyGetItem(container, key, pyRepr);

function asDict(value: PyValue, method: string): PyDict {
  if (!(value instanceof PyDict)) throw attributeError(pyTypeName(value), method);
  return value;
}

function asList(value: PyValue, method: string): PyValue[] {
  if (!Array.isArray(value)) throw attributeError(pyTypeName(value), method);
  return value;
}

export class TwitterAPI extends SimulatedApi {
  readonly pyTypeName = "TwitterAPI";
  username: PyValue = "john";
  password: PyValue = "john123";
  authenticated: PyValue = false;
  tweets: PyValue = new PyDict();
  comments: PyValue = new PyDict();
  retweets: PyValue = new PyDict();
  followingList: PyValue = [];
  tweetCounter: PyValue = 0n;

  constructor(private readonly runtime: ReferenceRuntime) {
    super();
  }

  loadScenario(scenario: PyDict): void {
    const defaults = defaultState();
    const pick = (key: string): PyValue => (scenario.has(key) ? (scenario.get(key) as PyValue) : deepCopy(defaults[key] as PyValue));
    this.username = pick("username");
    this.password = pick("password");
    this.authenticated = pick("authenticated");
    // The loaded tweets are re-keyed by int(id).
    this.tweets = PyDict.of(asDict(pick("tweets"), "items").items().map(([key, value]) => [pyInt(key), value] as const));
    this.comments = pick("comments");
    this.retweets = pick("retweets");
    this.followingList = pick("following_list");
    this.tweetCounter = pick("tweet_counter");
  }

  publicState(): [string, PyValue][] {
    return [
      ["username", this.username],
      ["password", this.password],
      ["authenticated", this.authenticated],
      ["tweets", this.tweets],
      ["comments", this.comments],
      ["retweets", this.retweets],
      ["following_list", this.followingList],
      ["tweet_counter", this.tweetCounter],
    ];
  }

  private unauthenticated(action: string): PyDict | undefined {
    return pyTruthy(this.authenticated) ? undefined : PyDict.fromRecord({ error: `User not authenticated. Please authenticate before ${action}.` });
  }

  private missingTweet(tweetId: PyValue): PyDict | undefined {
    return pyContains(this.tweets, tweetId) ? undefined : PyDict.fromRecord({ error: `Tweet with ID ${pyStr(tweetId)} not found.` });
  }

  authenticateTwitter(username: PyValue, password: PyValue): PyValue {
    if (pyEquals(username, this.username) && pyEquals(password, this.password)) {
      this.authenticated = true;
      return PyDict.fromRecord({ authentication_status: true });
    }
    return PyDict.fromRecord({ authentication_status: false });
  }

  postingGetLoginStatus(): PyValue {
    return PyDict.fromRecord({ login_status: pyTruthy(this.authenticated) });
  }

  postTweet(content: PyValue, tags: PyValue, mentions: PyValue): PyValue {
    const refusal = this.unauthenticated("posting");
    if (refusal) return refusal;
    const tweet = PyDict.fromRecord({ id: this.tweetCounter, username: this.username, content, tags, mentions });
    asDict(this.tweets, "__setitem__").set(this.tweetCounter, tweet);
    this.tweetCounter = pyAdd(this.tweetCounter, 1n, "+=");
    return tweet;
  }

  retweet(tweetId: PyValue): PyValue {
    const refusal = this.unauthenticated("retweeting") ?? this.missingTweet(tweetId);
    if (refusal) return refusal;
    const retweets = asDict(this.retweets, "__setitem__");
    if (!pyContains(retweets, this.username)) retweets.set(this.username, []);
    const mine = item(retweets, this.username);
    if (pyContains(mine, tweetId)) return PyDict.fromRecord({ retweet_status: "Already retweeted" });
    asList(mine, "append").push(tweetId);
    return PyDict.fromRecord({ retweet_status: "Successfully retweeted" });
  }

  comment(tweetId: PyValue, commentContent: PyValue): PyValue {
    const refusal = this.unauthenticated("commenting") ?? this.missingTweet(tweetId);
    if (refusal) return refusal;
    const comments = asDict(this.comments, "__setitem__");
    if (!pyContains(comments, tweetId)) comments.set(tweetId, []);
    asList(item(comments, tweetId), "append").push(PyDict.fromRecord({ username: this.username, content: commentContent }));
    return PyDict.fromRecord({ comment_status: "Comment added successfully" });
  }

  mention(tweetId: PyValue, mentionedUsernames: PyValue): PyValue {
    const refusal = this.missingTweet(tweetId);
    if (refusal) return refusal;
    const tweet = item(this.tweets, tweetId);
    // extend() mutates the tweet's own list, which may be post_tweet's shared default.
    const mentions = asList(item(tweet, "mentions"), "extend");
    mentions.push(...pyIterate(mentionedUsernames));
    return PyDict.fromRecord({ mention_status: "Users mentioned successfully" });
  }

  followUser(usernameToFollow: PyValue): PyValue {
    const refusal = this.unauthenticated("following");
    if (refusal) return refusal;
    if (pyContains(this.followingList, usernameToFollow)) return PyDict.fromRecord({ follow_status: false });
    asList(this.followingList, "append").push(usernameToFollow);
    return PyDict.fromRecord({ follow_status: true });
  }

  listAllFollowing(): PyValue {
    const refusal = this.unauthenticated("listing following");
    if (refusal) return refusal;
    return PyDict.fromRecord({ following_list: this.followingList });
  }

  unfollowUser(usernameToUnfollow: PyValue): PyValue {
    const refusal = this.unauthenticated("unfollowing");
    if (refusal) return refusal;
    if (!pyContains(this.followingList, usernameToUnfollow)) return PyDict.fromRecord({ unfollow_status: false });
    const list = asList(this.followingList, "remove");
    list.splice(
      list.findIndex((entry) => pyEquals(entry, usernameToUnfollow)),
      1,
    );
    return PyDict.fromRecord({ unfollow_status: true });
  }

  getTweet(tweetId: PyValue): PyValue {
    return this.missingTweet(tweetId) ?? item(this.tweets, tweetId);
  }

  private tweetsBy(username: PyValue): PyValue[] {
    return asDict(this.tweets, "values")
      .values()
      .filter((tweet) => pyEquals(item(tweet, "username"), username));
  }

  getUserTweets(username: PyValue): PyValue {
    return this.tweetsBy(username);
  }

  searchTweets(keyword: PyValue): PyValue {
    const lowered = () => requireStr(keyword, "lower").toLowerCase();
    return asDict(this.tweets, "values")
      .values()
      .filter((tweet) => {
        if (requireStr(item(tweet, "content"), "lower").toLowerCase().includes(lowered())) return true;
        return pyIterate(item(tweet, "tags")).some((tag) => requireStr(tag, "lower").toLowerCase() === lowered());
      });
  }

  getTweetComments(tweetId: PyValue): PyValue {
    const refusal = this.missingTweet(tweetId);
    if (refusal) return refusal;
    const comments = asDict(this.comments, "get");
    return comments.has(tweetId) ? (comments.get(tweetId) as PyValue) : [];
  }

  getUserStats(username: PyValue): PyValue {
    const tweetCount = BigInt(this.tweetsBy(username).length);
    const followingCount = pyEquals(username, this.username) ? BigInt(pyLen(this.followingList)) : 0n;
    const retweets = asDict(this.retweets, "get");
    const retweetCount = BigInt(pyLen(retweets.has(username) ? (retweets.get(username) as PyValue) : []));
    return PyDict.fromRecord({ tweet_count: tweetCount, following_count: followingCount, retweet_count: retweetCount });
  }

  /** post_tweet's defaults are the run's shared mutable lists, so each run has its own table (no other class keys by the run). */
  protected override methodTableKey(): object {
    return this.runtime;
  }

  protected defineMethods(): Record<string, ApiMethod<TwitterAPI>> {
    const method = (parameters: ApiMethod<TwitterAPI>["parameters"], invoke: ApiMethod<TwitterAPI>["invoke"]): ApiMethod<TwitterAPI> => ({ parameters, invoke });
    const defaults = this.runtime.postTweetDefaults;
    return {
      authenticate_twitter: method([required("username"), required("password")], (self, [u, p]) => self.authenticateTwitter(u as PyValue, p as PyValue)),
      posting_get_login_status: method([], (self) => self.postingGetLoginStatus()),
      post_tweet: method([required("content"), optional("tags", defaults.tags), optional("mentions", defaults.mentions)], (self, [c, t, m]) =>
        self.postTweet(c as PyValue, t as PyValue, m as PyValue),
      ),
      retweet: method([required("tweet_id")], (self, [id]) => self.retweet(id as PyValue)),
      comment: method([required("tweet_id"), required("comment_content")], (self, [id, text]) => self.comment(id as PyValue, text as PyValue)),
      mention: method([required("tweet_id"), required("mentioned_usernames")], (self, [id, names]) => self.mention(id as PyValue, names as PyValue)),
      follow_user: method([required("username_to_follow")], (self, [name]) => self.followUser(name as PyValue)),
      list_all_following: method([], (self) => self.listAllFollowing()),
      unfollow_user: method([required("username_to_unfollow")], (self, [name]) => self.unfollowUser(name as PyValue)),
      get_tweet: method([required("tweet_id")], (self, [id]) => self.getTweet(id as PyValue)),
      get_user_tweets: method([required("username")], (self, [name]) => self.getUserTweets(name as PyValue)),
      search_tweets: method([required("keyword")], (self, [keyword]) => self.searchTweets(keyword as PyValue)),
      get_tweet_comments: method([required("tweet_id")], (self, [id]) => self.getTweetComments(id as PyValue)),
      get_user_stats: method([required("username")], (self, [name]) => self.getUserStats(name as PyValue)),
    };
  }
}

