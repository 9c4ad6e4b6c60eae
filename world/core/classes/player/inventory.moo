verb "i inv*entory" none none none rxd
/* inventory (or i): what you carry. */
if (!player.contents)
  return player:tell("You are empty-handed.");
endif
player:tell("You are carrying:");
for x in (player.contents)
  player:tell("  ", x.name);
endfor
