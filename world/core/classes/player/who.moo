verb "@who" none none none rxd
/* @who: who is connected, for how long, and where. */
people = connected_players();
su = $string_utils;
player:tell(su:left("Player", 24), su:left("Connected", 11), su:left("Idle", 8), "Location");
for p in (people)
  on = `connected_seconds(p) ! ANY => 0';
  idle = `idle_seconds(p) ! ANY => 0';
  where = valid(p.location) ? p.location.name | "nowhere";
  player:tell(su:left(tostr(p.name, " (", p, ")"), 24), su:left(su:from_seconds(on), 11), su:left(su:from_seconds(idle), 8), where);
endfor
player:tell(length(people), length(people) == 1 ? " player is" | " players are", " connected.");
