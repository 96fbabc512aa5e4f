// The live wallboard: listens on /api/live (token from this page's URL) and redraws a card per queue; waits and
// times in state tick on the page, counted from the node's clock (each message says the node's time).
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var token = params.get("token") || "";
  var windowName = params.get("window") || "today";
  var queues = {};   // queue name -> figures
  var callers = {};  // queue name -> [{callerId, since}]
  var agents = {};   // agent id -> {state, shown, since, pauseReason, queues}
  var rooms = {};    // "<asteriskId>/<room>" -> the room's last "conference" message
  var skew = 0;      // this browser's clock minus the node's
  var socket = null;
  var STATES = [
    ["AVAILABLE", "available"], ["RINGING", "ringing"], ["ON_CALL", "on call"], ["WRAP_UP", "wrap-up"],
    ["PAUSED", "paused"], ["UNREACHABLE", "unreachable"], ["IN_USE", "in use"]
  ];
  var STATE_NAMES = {};
  STATES.forEach(function (s) { STATE_NAMES[s[0]] = s[1]; });

  function escape(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }
  function percent(ratio) { return Math.round(ratio * 100) + "%"; }
  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    return (h > 0 ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }
  function nodeNow() { return Date.now() - skew; }
  function ticking(since) {
    return since == null ? "" : "<span class='tick' data-since='" + since + "'>" +
      duration((nodeNow() - since) / 1000) + "</span>";
  }

  // An agent as the wallboard shows it: a reserved agent is about to ring; an unreachable pause is its own state.
  function shownState(message) {
    if (message.state === "RESERVED") { return "RINGING"; }
    if (message.state === "PAUSED" && message.pauseReason === "unreachable") { return "UNREACHABLE"; }
    return message.state;
  }

  function card(name) {
    var id = "queue-" + name;
    var element = document.getElementById(id);
    if (!element) {
      element = document.createElement("section");
      element.className = "queue";
      element.id = id;
      element.innerHTML = "<h2><span class='name'></span><span class='window-name'></span></h2>" +
        "<div class='figures'></div><div class='by-state'></div>" +
        "<div class='lists'><div><h3>Callers waiting</h3><table class='callers'></table></div>" +
        "<div><h3>Agents</h3><table class='agent-list'></table></div></div>";
      element.querySelector(".name").textContent = name;
      var all = document.getElementById("queues");
      var after = Array.prototype.find.call(all.children, function (c) { return c.id > id; });
      all.insertBefore(element, after || null);
    }
    return element;
  }

  function figure(name, label, value, alert) {
    return "<div class='figure" + (alert ? " alert" : "") + "' data-figure='" + name + "'><div class='value'>" +
      value + "</div><div class='label'>" + label + "</div></div>";
  }

  function longestWait(name, f) {
    var waiting = callers[name];
    if (waiting && waiting.length > 0) {
      return "<span class='tick' data-since='" + waiting[0].since + "'>" +
        duration((nodeNow() - waiting[0].since) / 1000) + "</span>";
    }
    return duration(f.longestWaitSeconds);
  }

  function agentsOf(name) {
    return Object.keys(agents).sort().filter(function (id) {
      return agents[id].queues.indexOf(name) >= 0;
    });
  }

  function draw(name) {
    var f = queues[name] || { callsWaiting: 0, longestWaitSeconds: 0, offered: 0, answered: 0, serviceLevel: 0,
      serviceLevel2: 0, averageSpeedOfAnswer: 0, averageHandleTime: 0, abandonmentRate: 0, abandoned: 0 };
    var element = card(name);
    var waiting = callers[name] ? callers[name].length : f.callsWaiting;
    element.querySelector(".window-name").textContent = windowName === "all" ? "all time" : windowName;
    element.querySelector(".figures").innerHTML =
      figure("callsWaiting", "waiting", waiting, waiting > 0) +
      figure("longestWait", "longest wait", longestWait(name, f)) +
      figure("serviceLevel", "SL", percent(f.serviceLevel)) +
      figure("serviceLevel2", "SL2", percent(f.serviceLevel2)) +
      figure("asa", "ASA", duration(f.averageSpeedOfAnswer)) +
      figure("aht", "AHT", duration(f.averageHandleTime)) +
      figure("abandonment", "abandoned", percent(f.abandonmentRate) + " <small>(" + f.abandoned + ")</small>") +
      figure("offered", "offered", f.offered) +
      figure("answered", "answered", f.answered);
    var ids = agentsOf(name);
    var counts = {};
    ids.forEach(function (id) { counts[agents[id].shown] = (counts[agents[id].shown] || 0) + 1; });
    element.querySelector(".by-state").innerHTML = STATES.map(function (s) {
      var n = counts[s[0]] || 0;
      return "<span class='chip state-" + (n ? s[0] : "") + (n ? "" : " none") + "' data-count='" + s[0] + "'>" +
        s[1] + "<b>" + n + "</b></span>";
    }).join("");
    var list = callers[name] || [];
    element.querySelector(".callers").innerHTML = list.length === 0 ? "<tr><td class='empty'>none</td></tr>" :
      list.map(function (c) {
        return "<tr data-caller='" + escape(c.callerId) + "'><td>" + escape(c.callerId.replace(/^[^/]*\//, "")) +
          "</td><td class='time'>" + ticking(c.since) + "</td></tr>";
      }).join("");
    element.querySelector(".agent-list").innerHTML = ids.length === 0 ? "<tr><td class='empty'>none</td></tr>" :
      ids.map(function (id) {
        var a = agents[id];
        return "<tr data-agent='" + escape(id) + "'><td>" + escape(id) + "</td><td><span class='state state-" +
          a.shown + "'>" + STATE_NAMES[a.shown] + "</span></td><td class='reason'>" +
          escape(a.shown === "PAUSED" ? a.pauseReason : "") + "</td><td class='time'>" + ticking(a.since) +
          "</td></tr>";
      }).join("");
  }

  // A conference room: who is in, who talks now, who is muted; an admin mutes and unmutes from here.
  function drawRoom(key) {
    var room = rooms[key];
    var id = "room-" + key.replace(/[^A-Za-z0-9_-]/g, "_");
    var element = document.getElementById(id);
    var all = document.getElementById("conferences");
    if (!room || room.members.length === 0) {
      if (element) { element.remove(); }
      document.getElementById("conferences-section").hidden = all.children.length === 0;
      return;
    }
    if (!element) {
      element = document.createElement("section");
      element.className = "room";
      element.id = id;
      var after = Array.prototype.find.call(all.children, function (c) { return c.id > id; });
      all.insertBefore(element, after || null);
    }
    document.getElementById("conferences-section").hidden = false;
    var talking = room.members.filter(function (m) { return m.talking; }).length;
    element.setAttribute("data-room", room.room);
    element.innerHTML = "<h3><span class='name'>" + escape(room.room) + "</span><span class='room-state'>" +
      room.members.length + " in, " + talking + " talking" + (room.locked ? ", locked" : "") + "</span></h3>" +
      "<table class='members'>" + room.members.map(function (m) {
        var role = m.admin ? "admin" : m.marked ? "leader" : "";
        return "<tr data-member='" + escape(m.channelId) + "'" + (m.talking ? " data-talking='yes'" : "") + "><td>" +
          escape(m.callerName || m.callerNumber || m.channelId) + " <span class='role'>" + role + "</span></td>" +
          "<td>" + (m.talking ? "<span class='talking-now'>talking</span>" : "") +
          (m.muted ? " <span class='muted-now'>muted</span>" : "") + "</td><td class='time'>" +
          ticking(m.joinedAt) + "</td><td><button class='mute' data-room='" + escape(room.room) + "' data-asterisk='" +
          escape(room.asteriskId) + "' data-member='" + escape(m.channelId) + "' data-action='" +
          (m.muted ? "unmute" : "mute") + "'>" + (m.muted ? "Unmute" : "Mute") + "</button></td></tr>";
      }).join("") + "</table>";
  }

  document.getElementById("conferences").addEventListener("click", function (event) {
    var button = event.target.closest("button.mute");
    if (!button) { return; }
    api("POST", "/api/conferences/" + encodeURIComponent(button.getAttribute("data-room")) + "/members/" +
      encodeURIComponent(button.getAttribute("data-member")) + "/" + button.getAttribute("data-action") +
      "?asteriskId=" + encodeURIComponent(button.getAttribute("data-asterisk")))
      .catch(function (e) { button.textContent = "failed: " + e.message; });
  });

  function tick() {
    var now = nodeNow();
    document.querySelectorAll(".tick").forEach(function (t) {
      t.textContent = duration((now - Number(t.getAttribute("data-since"))) / 1000);
    });
  }

  function chooseWindows(message) {
    var select = document.getElementById("window");
    select.innerHTML = message.windows.map(function (w) {
      return "<option value='" + escape(w) + "'" + (w === message.window ? " selected" : "") + ">" +
        escape(w === "all" ? "all time" : w) + "</option>";
    }).join("");
  }

  function receive(event) {
    var message = JSON.parse(event.data);
    if (message.now) { skew = Date.now() - message.now; }
    if (message.type === "windows") {
      chooseWindows(message);
    } else if (message.type === "queue") {
      queues[message.queue] = message.figures;
      draw(message.queue);
    } else if (message.type === "callers") {
      callers[message.queue] = message.callers;
      draw(message.queue);
    } else if (message.type === "agent") {
      var before = agents[message.agentId];
      if (message.state === "LOGGED_OUT") {
        delete agents[message.agentId];
      } else {
        agents[message.agentId] = { state: message.state, shown: shownState(message), since: message.since,
          pauseReason: message.pauseReason, queues: message.queues };
      }
      (before ? before.queues : []).concat(message.queues).forEach(function (q) { draw(q); });
      panelAgentChanged();
    } else if (message.type === "conference") {
      rooms[message.asteriskId + "/" + message.room] = message;
      drawRoom(message.asteriskId + "/" + message.room);
    }
  }

  function connect() {
    var status = document.getElementById("connection");
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var opened = new WebSocket(scheme + window.location.host + "/api/live?token=" + encodeURIComponent(token) +
      "&window=" + encodeURIComponent(windowName));
    socket = opened;
    opened.onopen = function () { status.textContent = "live"; status.className = "status live"; };
    opened.onmessage = function (event) { if (socket === opened) { receive(event); } };
    opened.onclose = function () {
      if (socket !== opened) { return; }
      status.textContent = "disconnected, retrying…";
      status.className = "status";
      setTimeout(connect, 2000);
    };
  }

  document.getElementById("window").onchange = function (event) {
    windowName = event.target.value;
    var old = socket;
    socket = null;
    if (old) { old.close(); }
    queues = {};
    callers = {};
    agents = {};
    rooms = {};
    document.getElementById("conferences").innerHTML = "";
    connect();
  };

  // The phone panel (demo mode only): a caller on the simulated Asterisk, and an agent answering by hand.
  function api(method, path, body) {
    var init = { method: method, headers: { "Authorization": "Bearer " + token } };
    if (body) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) {
          var error = new Error(answer.error || response.status);
          error.status = response.status;
          throw error;
        }
        return answer;
      });
    });
  }
  function byId(id) { return document.getElementById(id); }
  function enable(id, on) { byId(id).disabled = !on; }

  var channelId = null;
  function phoneStatus(text) { byId("phone-status").textContent = text; }
  function inCall(on) {
    enable("phone-press", on);
    enable("phone-hangup", on);
  }
  // A call that ended elsewhere (its agent hung up, the queue let it go) is one the simulator no longer knows.
  function callActionFailed(what, e) {
    if (e.status === 404) {
      channelId = null;
      inCall(false);
      phoneStatus("call ended");
    } else {
      phoneStatus(what + " failed: " + e.message);
    }
  }
  byId("phone-call").onclick = function () {
    var queue = byId("phone-queue").value;
    api("POST", "/api/demo/calls?queue=" + encodeURIComponent(queue)).then(function (body) {
      channelId = body.channelId;
      inCall(true);
      phoneStatus("calling " + queue + " (" + channelId + ")");
    }).catch(function (e) { phoneStatus("call failed: " + e.message); });
  };
  byId("phone-press").onclick = function () {
    var digits = byId("phone-digits").value;
    api("POST", "/api/demo/calls/" + encodeURIComponent(channelId) + "/digits?digits=" + encodeURIComponent(digits))
      .then(function () { phoneStatus("pressed " + digits); })
      .catch(function (e) { callActionFailed("digits", e); });
  };
  byId("phone-hangup").onclick = function () {
    api("POST", "/api/demo/calls/" + encodeURIComponent(channelId) + "/hangup").then(function () {
      inCall(false);
      phoneStatus("hung up");
    }).catch(function (e) {
      inCall(false);
      callActionFailed("hang-up", e);
    });
  };

  var panelAgent = null;
  function agentStatus(text) { byId("agent-status").textContent = text; }
  function panelAgentChanged() {
    if (!panelAgent) { return; }
    var agent = agents[panelAgent];
    var shown = agent ? agent.shown : "LOGGED_OUT";
    var state = byId("agent-state");
    state.className = "state state-" + shown;
    state.textContent = agent ? STATE_NAMES[shown] + (shown === "PAUSED" ? " (" + agent.pauseReason + ")" : "")
      : "logged out";
    enable("agent-ready", shown === "PAUSED" || shown === "UNREACHABLE");
    enable("agent-pause", shown === "AVAILABLE" || shown === "IN_USE");
    enable("agent-answer", agent && agent.state === "RINGING");
    enable("agent-hangup", shown === "ON_CALL");
  }
  function agentAction(button, method, path, body, done) {
    byId(button).onclick = function () {
      api(method, "/api/" + path(encodeURIComponent(panelAgent)), body)
        .then(function () { agentStatus(done); })
        .catch(function (e) { agentStatus(done + " failed: " + e.message); });
    };
  }
  agentAction("agent-ready", "POST", function (id) { return "agents/" + id + "/unpause"; }, null, "ready");
  agentAction("agent-pause", "POST", function (id) { return "agents/" + id + "/pause"; }, { reason: "panel" },
    "paused");
  agentAction("agent-answer", "POST", function (id) { return "demo/agents/" + id + "/answer"; }, null, "answered");
  agentAction("agent-hangup", "POST", function (id) { return "demo/agents/" + id + "/hangup"; }, null, "hung up");

  api("GET", "/api/demo/agent").then(function (body) {
    panelAgent = body.agentId;
    byId("agent-id").textContent = panelAgent;
    byId("phone").hidden = false;
    if (agents[panelAgent]) { panelAgentChanged(); }
  }).catch(function () { /* not in demo mode: no phone panel */ });

  connect();
  setInterval(tick, 1000);
}());
