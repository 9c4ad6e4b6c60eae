verb "@dig" any any any rxd
/* @dig <room name>: a new room, not yet connected.
   @dig <exit>[,<aliases>][|<exit back>[,<aliases>]] to <room name or #N>:
   an exit from here to a new room (or an existing one), and one back.
   For the usual directions the way back and the short aliases come by
   themselves: "@dig north to Attic" makes north,n and south,s. */
if (!argstr)
  return player:tell("Usage: @dig <room name>, or @dig <exit>[|<exit back>] to <room name or #N>");
elseif (prepstr == "")
  set_task_perms(player);
  room = create($room);
  room.name = argstr;
  return player:tell("You dig ", room.name, " (", room, "). Make a way in with: @dig <direction> to ", room);
elseif (!(prepstr in {"to", "at"}) || !dobjstr || !iobjstr)
  return player:tell("Usage: @dig <exit>[,<aliases>][|<exit back>[,<aliases>]] to <room name or #N>");
endif
here = player.location;
if (!(player:controls(here) || here.free_building))
  return player:tell("You can only dig from rooms you own (or where building is free).");
endif
{out, back} = $exit:names_for(dobjstr);
if (!out)
  return player:tell("Name the exit: @dig <exit> to <room>.");
elseif (valid(here:match_exit(out[1])))
  return player:tell("There is already an exit ", out[1], " from here.");
endif
set_task_perms(player);
if (iobjstr[1] in {"#", "$"})
  room = player:find(iobjstr);
  if (!valid(room))
    return;
  elseif (!isa(room, $room))
    return player:tell(room.name, " (", room, ") is not a room.");
  endif
else
  room = create($room);
  room.name = iobjstr;
  player:tell("You dig ", room.name, " (", room, ").");
endif
$exit:make(out, here, room);
if (back && (player:controls(room) || room.free_building))
  $exit:make(back, room, here);
elseif (back)
  player:tell("You don't own ", room.name, ", so there is no way back from it.");
endif
