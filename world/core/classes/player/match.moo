verb "match" this none this rxd
/* The object `name` means to this player: me, here, #N, $name, or
   something carried or here by name or alias, exact names beating
   prefixes (as the server matches command words). Else $failed_match,
   $ambiguous_match, or $nothing for "". */
{name} = args;
/* $names are read with the caller's rights, not this verb's. */
set_task_perms(caller_perms());
if (!name)
  return $nothing;
elseif (name == "me")
  return this;
elseif (name == "here")
  return this.location;
elseif (match(name, "^#-?[0-9]+$"))
  return valid(o = toobj(name)) ? o | $failed_match;
elseif (name[1] == "$")
  o = `#0.(name[2..$]) ! ANY => $failed_match';
  return typeof(o) == OBJ && valid(o) ? o | $failed_match;
endif
exact = partial = {};
for x in ({@this.contents, @(valid(this.location) ? this.location.contents | {})})
  aliases = `x.aliases ! ANY => {}';
  for n in ({x.name, @(typeof(aliases) == LIST ? aliases | {})})
    if (typeof(n) != STR)
    elseif (n == name)
      exact = setadd(exact, x);
    elseif (index(n, name) == 1)
      partial = setadd(partial, x);
    endif
  endfor
endfor
hits = exact || partial;
return length(hits) == 1 ? hits[1] | (hits ? $ambiguous_match | $failed_match);
