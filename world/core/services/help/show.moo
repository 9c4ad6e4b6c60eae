verb "show" this none this rxd
/* show(topic): the help on topic for player, or the index when topic is "". */
{?topic = ""} = args;
topic = $string_utils:trim(topic);
if (!topic)
  player:tell("Commands (type help <command> for more):");
  for s in (this.sections)
    player:tell("  ", $string_utils:left(s[1] + ":", 13), $string_utils:join(s[2], ", "));
  endfor
  return;
endif
if (maphaskey(this.synonyms, topic))
  topic = this.synonyms[topic];
endif
if (!(topic in properties(this)) || topic in {"sections", "synonyms"})
  return player:tell("There is no help on \"", topic, "\". Type help for the list of commands.");
endif
for line in (this.(topic))
  player:tell(line);
endfor
