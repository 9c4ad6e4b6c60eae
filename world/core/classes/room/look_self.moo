verb "look_self" this none this rxd
/* The room as `who` (default: player) sees it: name, description, exits,
   what lies here and who is here. */
{?who = player} = args;
who:tell(this.name);
desc = this.description;
for line in (typeof(desc) == LIST ? desc | (desc ? {desc} | {}))
  who:tell(line);
endfor
exits = {};
for e in (this.exits)
  if (valid(e))
    exits = {@exits, e.name};
  endif
endfor
who:tell(exits ? "Exits: " + $string_utils:english_list(exits) + "." | "There are no obvious exits.");
things = people = {};
for x in (this.contents)
  if (x == who)
  elseif (is_player(x))
    people = {@people, x in connected_players() ? x.name | x.name + " (asleep)"};
  else
    things = {@things, x.name};
  endif
endfor
if (things)
  who:tell("You see ", $string_utils:english_list(things), " here.");
endif
if (people)
  who:tell($string_utils:english_list(people), length(people) == 1 ? " is" | " are", " here.");
endif
