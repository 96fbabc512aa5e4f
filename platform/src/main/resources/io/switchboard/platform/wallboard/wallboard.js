// The live wallboard: listens on /api/live (token from this page's URL) and redraws a card per queue.
(function () {
  "use strict";
  var token = new URLSearchParams(window.location.search).get("token") || "";
  var queues = {};  // queue name -> figures
  var agents = {};  // agent id -> {state, queues}

  function percent(ratio) { return Math.round(ratio * 100) + "%"; }
  function seconds(value) { return Math.round(value) + " s"; }

  function card(name) {
    var id = "queue-" + name;
    var element = document.getElementById(id);
    if (!element) {
      element = document.createElement("section");
      element.className = "queue";
      element.id = id;
      element.innerHTML = "<h2></h2><div class='figures'></div><div class='agents'></div>";
      element.querySelector("h2").textContent = name;
      document.getElementById("queues").appendChild(element);
    }
    return element;
  }

  function figure(name, label, value) {
    return "<div class='figure' data-figure='" + name + "'><div class='value'>" + value +
      "</div><div class='label'>" + label + "</div></div>";
  }

  function agentsByState(queue) {
    var counts = {};
    Object.keys(agents).forEach(function (id) {
      var agent = agents[id];
      if (agent.queues.indexOf(queue) >= 0) {
        counts[agent.state] = (counts[agent.state] || 0) + 1;
      }
    });
    return Object.keys(counts).sort().map(function (state) {
      return state.toLowerCase().replace("_", " ") + ": " + counts[state];
    }).join(", ") || "no agents";
  }

  function draw(name) {
    var f = queues[name];
    var element = card(name);
    element.querySelector(".figures").innerHTML =
      figure("callsWaiting", "waiting", f.callsWaiting) +
      figure("longestWait", "longest wait", seconds(f.longestWaitSeconds)) +
      figure("offered", "offered", f.offered) +
      figure("answered", "answered", f.answered) +
      figure("serviceLevel", "service level", percent(f.serviceLevel)) +
      figure("asa", "ASA", seconds(f.averageSpeedOfAnswer)) +
      figure("abandonment", "abandoned", percent(f.abandonmentRate) + " (" + f.abandoned + ")");
    element.querySelector(".agents").textContent = "Agents — " + agentsByState(name);
  }

  function receive(event) {
    var message = JSON.parse(event.data);
    if (message.type === "queue") {
      queues[message.queue] = message.figures;
      draw(message.queue);
    } else if (message.type === "agent") {
      agents[message.agentId] = { state: message.state, queues: message.queues };
      Object.keys(queues).forEach(draw);
    }
  }

  function connect() {
    var status = document.getElementById("connection");
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/api/live?token=" + encodeURIComponent(token));
    socket.onopen = function () { status.textContent = "live"; status.className = "status live"; };
    socket.onmessage = receive;
    socket.onclose = function () {
      status.textContent = "disconnected, retrying…";
      status.className = "status";
      setTimeout(connect, 2000);
    };
  }

  // The phone panel: a caller on the demo's simulated Asterisk.
  var channelId = null;
  function api(path) {
    return fetch(path, { method: "POST", headers: { "Authorization": "Bearer " + token } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.error || response.status); }
          return body;
        });
      });
  }
  function phoneStatus(text) { document.getElementById("phone-status").textContent = text; }
  function inCall(on) {
    document.getElementById("phone-press").disabled = !on;
    document.getElementById("phone-hangup").disabled = !on;
  }
  document.getElementById("phone-call").onclick = function () {
    var queue = document.getElementById("phone-queue").value;
    api("/api/demo/calls?queue=" + encodeURIComponent(queue)).then(function (body) {
      channelId = body.channelId;
      inCall(true);
      phoneStatus("calling " + queue + " (" + channelId + ")");
    }).catch(function (e) { phoneStatus("call failed: " + e.message); });
  };
  document.getElementById("phone-press").onclick = function () {
    var digits = document.getElementById("phone-digits").value;
    api("/api/demo/calls/" + encodeURIComponent(channelId) + "/digits?digits=" + encodeURIComponent(digits))
      .then(function () { phoneStatus("pressed " + digits); })
      .catch(function (e) { phoneStatus("digits failed: " + e.message); });
  };
  document.getElementById("phone-hangup").onclick = function () {
    api("/api/demo/calls/" + encodeURIComponent(channelId) + "/hangup").then(function () {
      inCall(false);
      phoneStatus("hung up");
    }).catch(function (e) { phoneStatus("hang-up failed: " + e.message); });
  };

  connect();
}());
