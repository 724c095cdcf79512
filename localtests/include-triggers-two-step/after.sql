-- Where the ghost exists (execute mode, on the replica), it carries a copy
-- of each of the original's 5 triggers, named with the suffix, with the
-- same timing, event, order, body and sql_mode.
delimiter ;;
if exists (select 1 from information_schema.tables
           where table_schema = 'test' and table_name = '_gh_ost_test_gho') and
   (select count(*) from information_schema.triggers o
      join information_schema.triggers g
        on g.trigger_schema = o.trigger_schema
       and g.trigger_name = concat(o.trigger_name, '_ght')
       and g.action_timing = o.action_timing
       and g.event_manipulation = o.event_manipulation
       and g.action_order = o.action_order
       and g.action_statement = o.action_statement
       and g.sql_mode = o.sql_mode
     where o.trigger_schema = 'test' and o.event_object_table = 'gh_ost_test'
       and g.event_object_table = '_gh_ost_test_gho') <> 5 then
  signal sqlstate '45000' set message_text = 'the ghost lacks copies of the triggers';
end if ;;
delimiter ;
