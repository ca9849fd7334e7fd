// Baton: small progressive enhancements. Every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  const nav = document.getElementById("nav");
  if (toggle && nav) {
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("open", !open);
    });
  }
  // "Print" buttons print the page (the print stylesheet drops the navigation and forms).
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // Deadlines count down live: "4m 12s left", or "overdue by 3m 05s".
  const countdowns = document.querySelectorAll(".countdown[data-due]");
  const pad = (n) => String(n).padStart(2, "0");
  const span = (seconds) => {
    const s = Math.floor(seconds);
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
    if (s < 86400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
    return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
  };
  const tick = () => {
    for (const element of countdowns) {
      const left = (new Date(element.dataset.due).getTime() - Date.now()) / 1000;
      if (Number.isNaN(left)) continue;
      element.textContent = left >= 0 ? `${span(left)} left` : `overdue by ${span(-left)}`;
      element.classList.toggle("is-overdue", left < 0);
    }
  };
  if (countdowns.length > 0) {
    tick();
    setInterval(tick, 1000);
  }
});
