/** Today in the UK, as 'YYYY-MM-DD': reporting periods follow UK dates, not the server's zone. */
export const todayInUk = (now = new Date()) => now.toLocaleDateString("en-CA", { timeZone: "Europe/London" });
